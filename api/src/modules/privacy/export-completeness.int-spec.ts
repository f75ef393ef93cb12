import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHarness } from '../../../test/harness';
import {
  createCategory,
  createMember,
  createThread,
  invite,
  Member,
  register,
  reply,
} from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { privacyLookups } from '../../../test/privacy-lookups';
import { EXPORTED, iso, Row, USER_COLUMNS_EXPORTED, USER_COLUMNS_NOT_EXPORTED } from './export-inventory.test-data';
import { inHours, marker } from './privacy.test-ops';

/**
 * The export holds every kind of a member’s data: one row of each kind is seeded for a member, and
 * each exported column’s rows (export-inventory.test-data.ts) must appear in their section of the
 * export; export-schema-coverage.int-spec.ts checks that every member-holding column is listed.
 */

/** `entry` holds every key of `expected` with an equal value. */
const matches = (entry: unknown, expected: Row): boolean =>
  typeof entry === 'object' &&
  entry !== null &&
  Object.entries(expected).every(([k, v]) => JSON.stringify((entry as Row)[k]) === JSON.stringify(v));

const at = (document: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], document);

describe('privacy: the export is complete', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;
  let m: Member;
  let other: Member;
  let blocked: Member;
  let data: Record<string, unknown>;

  const { as } = privacyLookups(() => t);

  /** One row of every kind of member data for `m`, through the api wherever the api can write it. */
  async function seed(): Promise<void> {
    m = await createMember(t, admin);
    other = await register(t, await invite(t, admin), marker('Friend'));
    blocked = await register(t, await invite(t, admin), marker('Blocked'));
    const categoryId = await createCategory(t, admin);

    await as(
      m,
      `mutation($b: String!) { updateProfile(input: { bio: $b, pronouns: "she/her", timeZone: "America/Denver" }) { id } }`,
      { b: marker('bio') },
    );
    await as(m, `mutation { setTopicFilters(topics: [ALCOHOL, RELAPSE]) }`);
    await as(m, `mutation { setQuietHours(enabled: true, start: 1290, end: 390) { enabled } }`);
    await as(
      m,
      `mutation { setRecoveryStart(date: "2024-02-29", visibility: MEMBERS, announce: true) { daysSober } }`,
    );
    await as(
      m,
      `mutation { setNotificationPreference(type: MENTION, inApp: false, email: IMMEDIATE) { type } }`,
    );
    // A suspension that has run its course: it stays on the record (the api only sets future ones).
    await t.dataSource.query(`UPDATE users SET suspended_until = now() - interval '3 days' WHERE id = $1`, [
      m.id,
    ]);

    const { threadId } = await createThread(
      t,
      m,
      categoryId,
      `Title ${marker('thread')}`,
      `Body ${marker('post')}`,
    );
    await reply(t, other, threadId, `Glad you wrote this ${marker('reply')}`);
    const { threadId: othersThread, postId: othersPost } = await createThread(t, other, categoryId);
    // A reply draft (a new-thread draft would be discarded by the celebration's thread below).
    await as(m, `mutation($k: String!, $b: String!) { saveDraft(input: { key: $k, body: $b }) { key } }`, {
      k: `thread:${othersThread}`,
      b: marker('draft'),
    });
    await as(m, `mutation($p: ID!) { react(postId: $p, kind: STRENGTH) { id } }`, { p: othersPost });

    await as(
      m,
      `mutation($t: String!) { celebrate(input: { title: $t, body: "Ninety days of mornings." }) { id } }`,
      { t: `Ninety days ${marker('celebration')}` },
    );
    const { celebrate } = await as<{ celebrate: { id: string } }>(
      other,
      `mutation { celebrate(input: { title: "First job interview", body: "It went well." }) { id } }`,
    );
    await as(m, `mutation($c: ID!) { cheer(celebrationId: $c) { id } }`, { c: celebrate.id });
    await as(m, `mutation($u: ID!) { followUser(userId: $u, following: true) { id } }`, { u: other.id });
    await as(m, `mutation($u: ID!) { blockUser(userId: $u) }`, { u: blocked.id });

    const event = (title: string) => ({
      input: {
        title,
        description: 'Meet at the trailhead.',
        kind: 'OUTDOORS',
        startsAt: inHours(48),
        endsAt: inHours(50),
        timeZone: 'America/Denver',
        address: marker('address'),
      },
    });
    const { createEvent } = await as<{ createEvent: { id: string } }>(
      admin,
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      event('Sunrise hike'),
    );
    await as(m, `mutation($id: ID!) { rsvp(eventId: $id, status: MAYBE) { status } }`, {
      id: createEvent.id,
    });
    await as(
      m,
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      event(`Board games ${marker('event')}`),
    );
    await as(m, `mutation { resetCalendarLink { url } }`);

    const boardId = (await as<{ resourceBoards: { id: string }[] }>(m, `{ resourceBoards { id } }`))
      .resourceBoards[0].id;
    const resource = (title: string, contact?: string) => ({
      i: {
        boardId,
        title,
        organization: 'Northside',
        description: 'Day shifts.',
        url: 'https://example.org/job',
        contact,
      },
    });
    const create = `mutation($i: CreateResourceInput!) { createResource(input: $i) { id } }`;
    await as(m, create, resource(`Peer mentor ${marker('resource')}`, marker('contact')));
    const { createResource: staffPosting } = await as<{ createResource: { id: string } }>(
      admin,
      create,
      resource('Line cook'),
    );
    await as(m, `mutation($id: ID!) { saveResource(id: $id, saved: true) { id } }`, { id: staffPosting.id });
    await as(m, `mutation($id: ID!, $n: String!) { reportOutdated(id: $id, note: $n) }`, {
      id: staffPosting.id,
      n: marker('outdated'),
    });
    await as(m, `mutation($i: FlagInput!) { flag(input: $i) }`, {
      i: { targetType: 'POST', targetId: othersPost, reason: 'TRIGGERING' },
    });

    // Moderation of them, and their appeal of it.
    await as(moderator, `mutation($u: ID!, $r: String!) { warnUser(userId: $u, reason: $r) }`, {
      u: m.id,
      r: `Please keep it kind ${marker('warn')}`,
    });
    const [{ id: actionId }]: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM moderation_actions WHERE target_user_id = $1`,
      [m.id],
    );
    await as(m, `mutation($a: ID!, $t: String!) { appeal(actionId: $a, text: $t) { id } }`, {
      a: actionId,
      t: `I was quoting someone ${marker('appeal')}`,
    });
    // My recovery: a check-in, this month's BARC-10 and the check-in settings.
    await as(m, `mutation($h: String!) { saveCheckIn(input: { mood: 1, cravings: 4, sleep: 2, helped: $h, hard: "A long day" }) { id } }`, {
      h: marker('helped'),
    });
    await as(m, `mutation { saveRecoveryCapital(answers: [1, 2, 3, 4, 5, 6, 5, 4, 3, 2]) { total } }`);
    await as(m, `mutation { setCheckInSettings(enabled: true, reminder: true, reminderTime: "20:15") { enabled } }`);
    // My recovery's safety net: a plan, a person they asked (who accepted and answered a reach-out),
    // and a member they support.
    await as(m, `mutation($i: SafetyPlanInput!) { saveSafetyPlan(input: $i) { updatedAt } }`, {
      i: {
        warningSigns: [marker('warning')],
        copingStrategies: ['A walk'],
        distractions: [],
        helpers: ['Sam'],
        professionals: ['Counselor Dr. Lee'],
        safeEnvironment: [],
        reasons: [marker('reason')],
      },
    });
    const { askSupportPerson } = await as<{ askSupportPerson: { id: string } }>(
      m,
      `mutation($n: String!) { askSupportPerson(displayName: $n) { id } }`,
      { n: other.displayName },
    );
    await as(other, `mutation($id: ID!) { respondToSupportRequest(id: $id, accept: true) { id } }`, { id: askSupportPerson.id });
    const { reachOut } = await as<{ reachOut: { id: string } }>(m, `mutation { reachOut { id } }`);
    await as(other, `mutation($id: ID!) { markReachedOut(id: $id) { id } }`, { id: reachOut.id });
    const { askSupportPerson: asksM } = await as<{ askSupportPerson: { id: string } }>(
      other,
      `mutation($n: String!) { askSupportPerson(displayName: $n) { id } }`,
      { n: m.displayName },
    );
    await as(m, `mutation($id: ID!) { respondToSupportRequest(id: $id, accept: true) { id } }`, { id: asksM.id });
    // Conversations: with their support person (a message each way), contacts from requests they
    // accepted (on both sides of the pair's ordering: a contact row names the smaller id first),
    // and their messaging choice.
    const { startConversation } = await as<{ startConversation: { conversation: { id: string } } }>(
      m,
      `mutation($i: StartConversationInput!) { startConversation(input: $i) { conversation { id } } }`,
      { i: { recipientIds: [other.id], body: `Thank you for today ${marker('message')}` } },
    );
    await as(other, `mutation($i: SendMessageInput!) { sendMessage(input: $i) { message { id } } }`, {
      i: { conversationId: startConversation.conversation.id, body: 'Any time.' },
    });
    await as(m, `mutation($id: ID!) { muteConversation(id: $id, muted: true) { id } }`, { id: startConversation.conversation.id });
    for (let i = 0; i < 20; i++) {
      const [sides]: { a: boolean; b: boolean }[] = await t.dataSource.query(
        `SELECT COALESCE(bool_or(user_a = $1), false) AS a, COALESCE(bool_or(user_b = $1), false) AS b
           FROM message_contacts WHERE $1 IN (user_a, user_b)`,
        [m.id],
      );
      if (sides.a && sides.b) break;
      const asker = await createMember(t, admin);
      await t.dataSource.query(`UPDATE users SET joined_at = now() - interval '30 days' WHERE id = $1`, [asker.id]);
      const request = await as<{ startConversation: { conversation: { id: string } } }>(
        asker,
        `mutation($i: StartConversationInput!) { startConversation(input: $i) { conversation { id } } }`,
        { i: { recipientIds: [m.id], body: 'Hello from the running thread.' } },
      );
      await as(m, `mutation($id: ID!) { respondToMessageRequest(conversationId: $id, accept: true) { id } }`, {
        id: request.startConversation.conversation.id,
      });
    }
    await as(m, `mutation { setMessageRequests(allow: false) { allowRequests } }`);
    // Mentoring: m offers (a year since their recovery start, so approved at once) and `other`,
    // a newcomer, asks them with a note; staff approve `other`'s own offer and pair m as their mentee.
    const topicIds = (await as<{ mentorTopics: { id: string }[] }>(m, `{ mentorTopics { id } }`)).mentorTopics
      .slice(0, 2)
      .map((x) => x.id);
    const offer = `mutation($i: SaveMentorProfileInput!) { saveMentorProfile(input: $i) { status } }`;
    await as(m, offer, { i: { about: marker('about'), topicIds, capacity: 2, available: true } });
    const { requestMentor } = await as<{ requestMentor: { id: string } }>(
      other,
      `mutation($i: RequestMentorInput!) { requestMentor(input: $i) { id } }`,
      { i: { mentorId: m.id, topicIds, note: marker('mentor-note') } },
    );
    await as(m, `mutation($id: ID!) { respondToMentorRequest(id: $id, accept: true) { id } }`, { id: requestMentor.id });
    await as(other, offer, { i: { about: 'New here, but I know the bus routes.', topicIds, capacity: 1, available: true } });
    await as(moderator, `mutation($u: ID!) { approveMentor(userId: $u, approve: true) { status } }`, { u: other.id });
    await as(moderator, `mutation($m: ID!, $e: ID!) { pairMentor(mentorId: $m, menteeId: $e) { id } }`, { m: other.id, e: m.id });
    await t.settled(); // the reply's and the warning's notifications

    data = JSON.parse(
      (await as<{ exportMyData: string }>(m, `mutation { exportMyData }`)).exportMyData,
    ) as Record<string, unknown>;
  }

  beforeAll(async () => {
    ({ t, admin, moderators: [moderator] } = await startCommunity({ worker: true, moderators: 1 }));
    await seed();
  });
  afterAll(() => t?.stop());

  it('every exported kind has the member’s rows, and each row appears in its section of the export', async () => {
    const users: { id: string; display_name: string }[] = await t.dataSource.query(
      `SELECT id, display_name FROM users`,
    );
    const names = new Map<unknown, string>(users.map((u) => [u.id, u.display_name]));
    const nameOf = (id: unknown) => names.get(id) ?? `unknown ${String(id)}`;
    const problems: string[] = [];
    for (const [column, { section, item }] of Object.entries(EXPORTED)) {
      const [table, field] = column.split('.');
      const rows: Row[] = await t.dataSource.query(`SELECT * FROM "${table}" WHERE "${field}" = $1`, [m.id]);
      if (rows.length === 0) problems.push(`${column}: the seed wrote no row for the member`);
      const exported = at(data, section);
      for (const row of rows) {
        const expected = item(row, nameOf);
        const found = Array.isArray(exported)
          ? exported.some((entry) => matches(entry, expected))
          : exported !== undefined && matches(exported, expected);
        if (!found) problems.push(`${column}: ${JSON.stringify(expected)} is not in the export's ${section}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every column of the member’s own row is exported with its value, or left out for a stated reason', async () => {
    const columns: { column_name: string; data_type: string }[] = await t.dataSource.query(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'users' ORDER BY ordinal_position`,
    );
    const names = columns.map((c) => c.column_name);
    const classified = [...Object.keys(USER_COLUMNS_EXPORTED), ...Object.keys(USER_COLUMNS_NOT_EXPORTED)];
    expect(
      names.filter((c) => !classified.includes(c)),
      'users columns neither exported nor left out on purpose',
    ).toEqual([]);
    expect(classified.filter((c) => !names.includes(c))).toEqual([]);

    const list = columns
      .map((c) =>
        c.data_type === 'date' ? `"${c.column_name}"::text AS "${c.column_name}"` : `"${c.column_name}"`,
      )
      .join(', ');
    const [row]: Row[] = await t.dataSource.query(`SELECT ${list} FROM users WHERE id = $1`, [m.id]);
    for (const [column, path] of Object.entries(USER_COLUMNS_EXPORTED)) {
      // The seed set every exported column, so a value cannot pass as a missing one.
      expect(row[column], `the seed left users.${column} empty`).not.toBeNull();
      expect(at(data, path), `users.${column} at ${path}`).toEqual(iso(row[column]));
    }
    expect(data.preferences).toMatchObject({ quietHours: { startMinute: 1290, endMinute: 390 } });
    expect(data.checkInSettings).toMatchObject({ enabled: true, reminder: true, reminderTime: '20:15' });
    const text = JSON.stringify(data);
    expect(text).not.toContain(String(row.password_hash));
  });

  it('names other members by display name only, and carries no token material', async () => {
    const text = JSON.stringify(data);
    for (const who of [other, blocked, moderator, admin]) {
      expect(text).not.toContain(who.email);
      expect(text).not.toContain(who.id);
    }
    const secrets: { hash: string }[] = await t.dataSource.query(
      `SELECT token_hash::text AS hash FROM sessions WHERE user_id = $1 UNION ALL SELECT token_hash::text FROM calendar_tokens WHERE user_id = $1
        UNION ALL SELECT code_hash::text FROM invites WHERE used_by = $1`,
      [m.id],
    );
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    for (const { hash } of secrets) expect(text).not.toContain(hash.trim());
    expect(text).not.toContain(m.token);
  });
});
