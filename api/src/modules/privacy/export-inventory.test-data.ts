/**
 * What a member's export holds, column by column, and what it leaves out on purpose, with the reason:
 * the export specs check the database against these lists, so a new table (or column) that points at a
 * member fails them until it is either exported or listed here as deliberately left out.
 */

/** Staff work done for the community: it is about other members (their cases, appeals, notes, invites), not the staff member. */
export const STAFF_WORK =
  'a staff member’s work on other members’ cases and the site, kept in the moderation record; it is not data about them';

/** Columns that hold a member and are deliberately not in their export. */
export const NOT_EXPORTED: Record<string, string> = {
  'appeals.decided_by': STAFF_WORK,
  'flag_cases.acknowledged_by': STAFF_WORK,
  'flag_cases.resolved_by': STAFF_WORK,
  'moderation_actions.moderator_id': STAFF_WORK,
  'moderator_notes.author_id': STAFF_WORK,
  'moderation_settings.updated_by': STAFF_WORK,
  'watched_words.created_by': STAFF_WORK,
  'invites.created_by': `${STAFF_WORK} (and the invitees' email addresses are theirs)`,
  'password_resets.created_by': `${STAFF_WORK} (a reset link made for someone else)`,
  'password_resets.user_id':
    'only a reset link’s token hash, valid an hour: token material never leaves the server',
  'blocks.blocked_id':
    'a block someone else placed is their private choice: exporting it would tell the member who blocked them',
  'follows.followee_id':
    'who follows the member is each follower’s choice, which the app never shows either; whom they follow is exported',
  'flag_cases.target_user_id':
    'flags are anonymous to the author and the review queue is moderators’; every decision taken is in moderationOfYou',
  'moderator_notes.user_id':
    'moderators’ private notes on a member (for moderators only); erased when the account is deleted',
  'reach_outs.answered_by':
    'a supporter’s answer belongs to the reach-out, which is the member’s own health record (it is in their export); the supporter was told by a notification, which is in theirs',
  'mentor_profiles.approved_by': STAFF_WORK,
  'mentor_pairings.paired_by': `${STAFF_WORK} (pairing two members directly)`,
  'mentor_pairings.ended_by':
    'who ended a pairing belongs to the pairing, exported from both sides (mentor_id, mentee_id) as endedByYou with the member’s own end note',
  'posts.mentioned_user_ids':
    'other members’ posts that mention them are those members’ writing; each mention reached them as an exported notification',
};

export type Row = Record<string, unknown>;
export type Expect = { section: string; item: (row: Row, nameOf: (id: unknown) => string) => Row };

export const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
/** A `date` column as the export writes it (node-postgres reads one as local midnight). */
export const dayOf = (value: unknown) =>
  value instanceof Date
    ? `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
    : value;

/** Each member-holding column that is exported: where its rows land in the export, and what identifies each one there. */
export const EXPORTED: Record<string, Expect> = {
  'appeals.appellant_id': {
    section: 'appeals',
    item: (r) => ({ text: r.text, status: r.status, createdAt: iso(r.created_at) }),
  },
  'blocks.blocker_id': {
    section: 'blocked',
    item: (r, nameOf) => ({ displayName: nameOf(r.blocked_id), since: iso(r.created_at) }),
  },
  'calendar_tokens.user_id': { section: 'calendarFeed', item: () => ({ enabled: true }) },
  'check_ins.user_id': {
    section: 'checkIns',
    item: (r) => ({ day: dayOf(r.day), mood: r.mood, cravings: r.cravings, sleep: r.sleep, helped: r.helped, hard: r.hard }),
  },
  'check_in_settings.user_id': {
    section: 'checkInSettings',
    item: (r) => ({ enabled: r.enabled, reminder: r.reminder, reachOutOfferedOn: dayOf(r.reach_out_offered_on) }),
  },
  'recovery_capital_checks.user_id': {
    section: 'recoveryCapital',
    item: (r) => ({ month: r.month, answers: r.answers, total: r.total }),
  },
  'celebrations.author_id': {
    section: 'celebrations',
    item: (r) => ({ id: r.id, title: r.title, threadId: r.thread_id }),
  },
  'cheers.user_id': {
    section: 'cheers',
    item: (r) => ({ celebrationId: r.celebration_id, createdAt: iso(r.created_at) }),
  },
  'conversation_members.user_id': {
    section: 'conversations',
    item: (r) => ({ id: r.conversation_id, status: r.status, muted: r.muted }),
  },
  'conversations.created_by': { section: 'conversations', item: (r) => ({ id: r.id, startedByMe: true }) },
  'messages.author_id': {
    section: 'messagesSent',
    item: (r) => ({ id: r.id, conversationId: r.conversation_id, body: r.body, status: r.status }),
  },
  'message_contacts.user_a': { section: 'messageContacts', item: (r, nameOf) => ({ displayName: nameOf(r.user_b) }) },
  'message_contacts.user_b': { section: 'messageContacts', item: (r, nameOf) => ({ displayName: nameOf(r.user_a) }) },
  'message_settings.user_id': { section: 'messageSettings', item: (r) => ({ allowRequests: r.allow_requests }) },
  'drafts.user_id': { section: 'drafts', item: (r) => ({ key: r.draft_key, body: r.body }) },
  'events.organizer_id': {
    section: 'eventsOrganised',
    item: (r) => ({ id: r.id, title: r.title, address: r.address }),
  },
  'flags.flagger_id': { section: 'flagsRaised', item: (r) => ({ targetId: r.target_id, reason: r.reason }) },
  'follows.follower_id': {
    section: 'following',
    item: (r, nameOf) => ({ displayName: nameOf(r.followee_id), since: iso(r.created_at) }),
  },
  'invites.used_by': { section: 'invitesUsed', item: (r) => ({ role: r.role, usedAt: iso(r.used_at) }) },
  'moderation_actions.target_user_id': {
    section: 'moderationOfYou',
    item: (r) => ({
      action: r.action,
      targetId: r.target_id,
      reason: r.reason,
      createdAt: iso(r.created_at),
    }),
  },
  'mentor_profiles.user_id': {
    section: 'mentoring.profile',
    item: (r) => ({ about: r.about, capacity: r.capacity, available: r.available, status: r.status }),
  },
  'mentor_pairings.mentee_id': {
    section: 'mentoring.asMentee',
    item: (r, nameOf) => ({ mentor: nameOf(r.mentor_id), status: r.status, note: r.note, createdAt: iso(r.created_at) }),
  },
  'mentor_pairings.mentor_id': {
    section: 'mentoring.asMentor',
    item: (r, nameOf) => ({ mentee: nameOf(r.mentee_id), status: r.status, note: r.note, createdAt: iso(r.created_at) }),
  },
  'notification_preferences.user_id': {
    section: 'preferences.notifications',
    item: (r) => ({ type: r.type, inApp: r.in_app, email: r.email }),
  },
  'notifications.user_id': {
    section: 'notifications',
    item: (r) => ({ type: r.type, title: r.title, body: r.body, url: r.url }),
  },
  'posts.author_id': { section: 'posts', item: (r) => ({ id: r.id, body: r.body }) },
  'reactions.user_id': { section: 'reactions', item: (r) => ({ postId: r.post_id, kind: r.kind }) },
  'reach_outs.member_id': {
    section: 'reachOuts',
    item: (r, nameOf) => ({ createdAt: iso(r.created_at), answeredBy: r.answered_by ? nameOf(r.answered_by) : null }),
  },
  'resource_reports.user_id': {
    section: 'resourcesReported',
    item: (r) => ({ resourceId: r.resource_id, note: r.note }),
  },
  'resource_saves.user_id': {
    section: 'resourcesSaved',
    item: (r) => ({ resourceId: r.resource_id, savedAt: iso(r.created_at) }),
  },
  'resources.author_id': {
    section: 'resourcesPosted',
    item: (r) => ({ id: r.id, title: r.title, contact: r.contact }),
  },
  'rsvps.user_id': { section: 'rsvps', item: (r) => ({ eventId: r.event_id, status: r.status }) },
  'safety_plans.user_id': {
    section: 'safetyPlan',
    item: (r) => ({ warningSigns: r.warning_signs, professionals: r.professionals, reasons: r.reasons }),
  },
  'sessions.user_id': {
    section: 'sessions',
    item: (r) => ({ createdAt: iso(r.created_at), expiresAt: iso(r.expires_at) }),
  },
  'support_links.member_id': {
    section: 'supportPeople',
    item: (r, nameOf) => ({ displayName: nameOf(r.supporter_id), status: r.status }),
  },
  'support_links.supporter_id': {
    section: 'supporting',
    item: (r, nameOf) => ({ displayName: nameOf(r.member_id), status: r.status }),
  },
  'thread_watches.user_id': {
    section: 'watching',
    item: (r) => ({ threadId: r.thread_id, watching: r.watching }),
  },
  'threads.author_id': { section: 'threads', item: (r) => ({ id: r.id, title: r.title }) },
};

/** Every column of the member's own users row: where it is in the export, or why it is not. */
export const USER_COLUMNS_EXPORTED: Record<string, string> = {
  id: 'profile.id',
  email: 'profile.email',
  display_name: 'profile.displayName',
  role: 'profile.role',
  bio: 'profile.bio',
  pronouns: 'profile.pronouns',
  time_zone: 'profile.timeZone',
  joined_at: 'profile.joinedAt',
  topic_filters: 'profile.topicFilters',
  suspended_until: 'profile.suspendedUntil',
  quiet_hours_start: 'preferences.quietHours.startMinute',
  quiet_hours_end: 'preferences.quietHours.endMinute',
  recovery_start: 'recovery.start',
  recovery_visibility: 'recovery.visibility',
  recovery_announce: 'recovery.announceMilestones',
};
export const USER_COLUMNS_NOT_EXPORTED: Record<string, string> = {
  password_hash: 'secret: a password hash never leaves the server',
  display_name_key: 'the display name folded for the uniqueness check; the name itself is exported',
  last_digest_on: 'the digest sender’s bookkeeping (the day the last daily summary went)',
  deleted_at: 'always empty for a member who can still sign in and export',
};
