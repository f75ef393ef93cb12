import { EntityManager } from 'typeorm';
import { localDate, milestoneProgress } from '@kinship/shared';

/** SQL: the labels of the mentor topics a profile or pairing row `p` names, in the admins' order. */
const topicLabels = (p: string) =>
  `COALESCE((SELECT array_agg(t.label ORDER BY t.position, t.label) FROM mentor_topics t WHERE t.id = ANY(${p}.topic_ids)), '{}')`;

/**
 * Everything Kinship holds about one member, as one JSON-ready document. Other members appear
 * by display name only; token material (sessions, invites, calendar and reset links) never.
 * Each section is one query; the caller runs them in one read-only snapshot.
 */
export async function buildDataExport(manager: EntityManager, userId: string, currentSessionId: string) {
  const one = async <T>(sql: string): Promise<T> => (await manager.query<T[]>(sql, [userId]))[0];
  const all = <T>(sql: string): Promise<T[]> => manager.query<T[]>(sql, [userId]);

  const profile = await one<Record<string, unknown> & { recoveryStart: string | null; timeZone: string }>(
    `SELECT id, email, display_name AS "displayName", role, bio, pronouns, time_zone AS "timeZone",
            joined_at AS "joinedAt", topic_filters AS "topicFilters", suspended_until AS "suspendedUntil",
            quiet_hours_start AS "quietHoursStartMinute", quiet_hours_end AS "quietHoursEndMinute",
            recovery_start::text AS "recoveryStart", recovery_visibility AS "recoveryVisibility",
            recovery_announce AS "recoveryAnnounce"
       FROM users WHERE id = $1`,
  );
  const { recoveryStart, recoveryVisibility, recoveryAnnounce, quietHoursStartMinute, quietHoursEndMinute, ...rest } =
    profile;
  const progress = recoveryStart ? milestoneProgress(recoveryStart, localDate(new Date(), profile.timeZone)) : null;

  return {
    format: 'kinship-export/1',
    exportedAt: new Date().toISOString(),
    profile: rest,
    recovery: {
      start: recoveryStart,
      visibility: recoveryVisibility,
      announceMilestones: recoveryAnnounce,
      milestonesReached: progress?.reached ?? [],
      nextMilestone: progress?.next ?? null,
    },
    checkIns: await all(
      `SELECT day::text AS day, mood, cravings, sleep, helped, hard, created_at AS "createdAt", updated_at AS "updatedAt"
         FROM check_ins WHERE user_id = $1 ORDER BY day`,
    ),
    recoveryCapital: await all(
      `SELECT month, answers, total, created_at AS "createdAt", updated_at AS "updatedAt"
         FROM recovery_capital_checks WHERE user_id = $1 ORDER BY month`,
    ),
    checkInSettings: await one(
      `SELECT COALESCE(bool_and(enabled), true) AS enabled, COALESCE(bool_and(reminder), false) AS reminder,
              min(lpad((reminder_minute / 60)::text, 2, '0') || ':' || lpad((reminder_minute % 60)::text, 2, '0')) AS "reminderTime",
              min(reach_out_offered_on)::text AS "reachOutOfferedOn"
         FROM check_in_settings WHERE user_id = $1`,
    ),
    safetyPlan:
      (await one(
        `SELECT warning_signs AS "warningSigns", coping_strategies AS "copingStrategies", distractions, helpers,
                professionals, safe_environment AS "safeEnvironment", reasons, updated_at AS "updatedAt"
           FROM safety_plans WHERE user_id = $1`,
      )) ?? null,
    supportPeople: await all(
      `SELECT u.display_name AS "displayName", l.status, l.created_at AS "askedAt", l.accepted_at AS "acceptedAt"
         FROM support_links l JOIN users u ON u.id = l.supporter_id WHERE l.member_id = $1 ORDER BY l.created_at`,
    ),
    supporting: await all(
      `SELECT u.display_name AS "displayName", l.status, l.created_at AS "askedAt", l.accepted_at AS "acceptedAt"
         FROM support_links l JOIN users u ON u.id = l.member_id WHERE l.supporter_id = $1 ORDER BY l.created_at`,
    ),
    reachOuts: await all(
      `SELECT r.created_at AS "createdAt", r.answered_at AS "answeredAt", a.display_name AS "answeredBy"
         FROM reach_outs r LEFT JOIN users a ON a.id = r.answered_by WHERE r.member_id = $1 ORDER BY r.created_at`,
    ),
    // Conversations: the ones they are in (with whom, by display name) and the messages they
    // wrote; the others' messages are the others' words, as with replies in threads.
    conversations: await all(
      `SELECT c.id, c.kind, m.status, m.muted, m.joined_at AS "joinedAt", c.created_by = $1 AS "startedByMe",
              COALESCE((SELECT array_agg(u.display_name ORDER BY o.joined_at) FROM conversation_members o
                          JOIN users u ON u.id = o.user_id WHERE o.conversation_id = c.id AND o.user_id <> $1), '{}') AS "with"
         FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.user_id = $1 ORDER BY c.created_at, c.id`,
    ),
    messagesSent: await all(
      `SELECT id, conversation_id AS "conversationId", body, status, created_at AS "createdAt", deleted_at AS "deletedAt"
         FROM messages WHERE author_id = $1 ORDER BY created_at, id`,
    ),
    messageContacts: await all(
      `SELECT u.display_name AS "displayName", mc.created_at AS "since"
         FROM message_contacts mc JOIN users u ON u.id = CASE WHEN mc.user_a = $1 THEN mc.user_b ELSE mc.user_a END
        WHERE mc.user_a = $1 OR mc.user_b = $1 ORDER BY mc.created_at`,
    ),
    messageSettings: await one(
      `SELECT COALESCE(bool_and(allow_requests), true) AS "allowRequests" FROM message_settings WHERE user_id = $1`,
    ),
    mentoring: {
      profile:
        (await one(
          `SELECT p.about, p.capacity, p.available, p.status, ${topicLabels('p')} AS topics,
                  p.created_at AS "createdAt", p.approved_at AS "approvedAt"
             FROM mentor_profiles p WHERE p.user_id = $1`,
        )) ?? null,
      // Each side's own check-in answer and own end note; the other side's are never theirs to read.
      asMentee: await all(
        `SELECT u.display_name AS "mentor", p.status, p.note, ${topicLabels('p')} AS topics,
                p.paired_by IS NOT NULL AS "pairedByStaff", p.created_at AS "createdAt", p.started_at AS "startedAt",
                p.ended_at AS "endedAt", COALESCE(p.ended_by = $1, false) AS "endedByYou",
                CASE WHEN p.ended_by = $1 THEN p.end_note END AS "yourEndNote", p.mentee_check_in AS "yourCheckIn"
           FROM mentor_pairings p JOIN users u ON u.id = p.mentor_id WHERE p.mentee_id = $1 ORDER BY p.created_at`,
      ),
      asMentor: await all(
        `SELECT u.display_name AS "mentee", p.status, p.note, ${topicLabels('p')} AS topics,
                p.paired_by IS NOT NULL AS "pairedByStaff", p.created_at AS "createdAt", p.started_at AS "startedAt",
                p.ended_at AS "endedAt", COALESCE(p.ended_by = $1, false) AS "endedByYou",
                CASE WHEN p.ended_by = $1 THEN p.end_note END AS "yourEndNote", p.mentor_check_in AS "yourCheckIn"
           FROM mentor_pairings p JOIN users u ON u.id = p.mentee_id WHERE p.mentor_id = $1 ORDER BY p.created_at`,
      ),
    },
    preferences: {
      quietHours: { startMinute: quietHoursStartMinute, endMinute: quietHoursEndMinute },
      notifications: await all(
        `SELECT type, in_app AS "inApp", email FROM notification_preferences WHERE user_id = $1 ORDER BY type`,
      ),
    },
    threads: await all(
      `SELECT t.id, t.title, c.name AS category, t.created_at AS "createdAt", t.pinned, t.locked
         FROM threads t JOIN categories c ON c.id = t.category_id
        WHERE t.author_id = $1 ORDER BY t.created_at, t.id`,
    ),
    posts: await all(
      `SELECT p.id, p.thread_id AS "threadId", t.title AS "threadTitle", p.position, p.body,
              p.content_warning AS "contentWarning", p.topics, p.status, p.created_at AS "createdAt",
              p.edited_at AS "editedAt", p.deleted_at AS "deletedAt",
              COALESCE((SELECT json_agg(json_build_object('body', r.body, 'contentWarning', r.content_warning,
                                                          'replacedAt', r.created_at) ORDER BY r.created_at)
                          FROM post_revisions r WHERE r.post_id = p.id), '[]') AS revisions
         FROM posts p JOIN threads t ON t.id = p.thread_id
        WHERE p.author_id = $1 ORDER BY p.created_at, p.id`,
    ),
    drafts: await all(
      `SELECT draft_key AS "key", title, body, updated_at AS "updatedAt" FROM drafts WHERE user_id = $1 ORDER BY updated_at`,
    ),
    reactions: await all(
      `SELECT post_id AS "postId", kind, created_at AS "createdAt" FROM reactions WHERE user_id = $1 ORDER BY created_at`,
    ),
    watching: await all(
      `SELECT w.thread_id AS "threadId", t.title AS "threadTitle", w.watching
         FROM thread_watches w JOIN threads t ON t.id = w.thread_id WHERE w.user_id = $1 ORDER BY w.updated_at`,
    ),
    celebrations: await all(
      `SELECT id, title, milestone_key AS "milestone", milestone_date::text AS "milestoneDate",
              thread_id AS "threadId", cheer_count AS "cheers", created_at AS "createdAt"
         FROM celebrations WHERE author_id = $1 ORDER BY created_at`,
    ),
    cheers: await all(
      `SELECT ch.celebration_id AS "celebrationId", c.title AS "celebrationTitle", ch.created_at AS "createdAt"
         FROM cheers ch JOIN celebrations c ON c.id = ch.celebration_id
        WHERE ch.user_id = $1 ORDER BY ch.created_at`,
    ),
    following: await all(
      `SELECT u.display_name AS "displayName", f.created_at AS "since"
         FROM follows f JOIN users u ON u.id = f.followee_id WHERE f.follower_id = $1 ORDER BY f.created_at`,
    ),
    rsvps: await all(
      `SELECT r.event_id AS "eventId", e.title AS "eventTitle", e.starts_at AS "startsAt", r.status,
              r.waitlisted, r.updated_at AS "updatedAt"
         FROM rsvps r JOIN events e ON e.id = r.event_id WHERE r.user_id = $1 ORDER BY e.starts_at`,
    ),
    eventsOrganised: await all(
      `SELECT id, title, description, kind, starts_at AS "startsAt", ends_at AS "endsAt", time_zone AS "timeZone",
              address, online_url AS "onlineUrl", capacity, status, cancelled_at AS "cancelledAt",
              created_at AS "createdAt"
         FROM events WHERE organizer_id = $1 ORDER BY starts_at`,
    ),
    resourcesPosted: await all(
      `SELECT r.id, b.name AS board, r.title, r.organization, r.description, r.location, r.remote, r.url,
              r.tags, r.contact, r.status, r.expires_at AS "expiresAt", r.created_at AS "createdAt"
         FROM resources r JOIN resource_boards b ON b.id = r.board_id WHERE r.author_id = $1 ORDER BY r.created_at`,
    ),
    resourcesSaved: await all(
      `SELECT s.resource_id AS "resourceId", r.title, s.created_at AS "savedAt"
         FROM resource_saves s JOIN resources r ON r.id = s.resource_id WHERE s.user_id = $1 ORDER BY s.created_at`,
    ),
    resourcesReported: await all(
      `SELECT resource_id AS "resourceId", note, created_at AS "createdAt"
         FROM resource_reports WHERE user_id = $1 ORDER BY created_at`,
    ),
    flagsRaised: await all(
      `SELECT reason, target_type AS "targetType", target_id AS "targetId", created_at AS "createdAt"
         FROM flags WHERE flagger_id = $1 ORDER BY created_at`,
    ),
    moderationOfYou: await all(
      `SELECT action, target_type AS "targetType", target_id AS "targetId", reason,
              suspended_until AS "suspendedUntil", created_at AS "createdAt"
         FROM moderation_actions WHERE target_user_id = $1 ORDER BY created_at`,
    ),
    appeals: await all(
      `SELECT text, status, decision_reason AS "decisionReason", created_at AS "createdAt", decided_at AS "decidedAt"
         FROM appeals WHERE appellant_id = $1 ORDER BY created_at`,
    ),
    notifications: await all(
      `SELECT type, title, body, url, created_at AS "createdAt", read_at AS "readAt"
         FROM notifications WHERE user_id = $1 ORDER BY created_at`,
    ),
    sessions: (
      await all<{ id: string }>(
        `SELECT id, device_hint AS "deviceHint", created_at AS "createdAt", last_used_at AS "lastUsedAt",
                expires_at AS "expiresAt", revoked_at AS "revokedAt"
           FROM sessions WHERE user_id = $1 ORDER BY created_at`,
      )
    ).map(({ id, ...session }) => ({ ...session, current: id === currentSessionId })),
    blocked: await all(
      `SELECT u.display_name AS "displayName", b.created_at AS "since"
         FROM blocks b JOIN users u ON u.id = b.blocked_id WHERE b.blocker_id = $1 ORDER BY b.created_at`,
    ),
    invitesUsed: await all(
      `SELECT role, created_at AS "issuedAt", used_at AS "usedAt" FROM invites WHERE used_by = $1`,
    ),
    calendarFeed: await one(
      `SELECT EXISTS (SELECT 1 FROM calendar_tokens WHERE user_id = $1) AS "enabled"`,
    ),
  };
}
