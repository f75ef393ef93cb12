import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHarness } from '../../../test/harness';
import {
  createAdmin,
  createCategory,
  createMember,
  createThread,
  invite,
  Member,
  register,
  reply,
} from '../../../test/factories';

/**
 * The export holds every kind of a member's data, with the list of kinds read from the database
 * itself: a new table (or column) that points at a member fails here until it is either exported
 * or listed below as deliberately left out, with the reason.
 */

/** A uuid column whose name says it holds a member: user_id, author_id, created_by, mentioned_user_ids... */
const PERSON_COLUMN =
  /(^|_)(users?|author|member|owner|organizer|appellant|flagger|follower|followee|blocker|blocked|moderator|recipient|actor|sender)(_ids?)?$|_by$/;

/** uuid columns that neither point at a member nor name the table they point at (checked, so none slips through). */
const NOT_A_MEMBER: Record<string, string> = {
  'events.series_id': 'groups the occurrences of one recurring series; there is no series table',
  'flag_cases.target_id':
    'the flagged post, event, resource or member; a member target is also in target_user_id',
  'flags.target_id':
    'the flagged post, event, resource or member; flags stay anonymous to whoever they are about',
  'moderation_actions.target_id':
    'the post, event, resource or member acted on; a member is also in target_user_id',
};

/** Staff work done for the community: it is about other members (their cases, appeals, notes, invites), not the staff member. */
const STAFF_WORK =
  'a staff member’s work on other members’ cases and the site, kept in the moderation record; it is not data about them';

/** Columns that hold a member and are deliberately not in their export. */
const NOT_EXPORTED: Record<string, string> = {
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
  'posts.mentioned_user_ids':
    'other members’ posts that mention them are those members’ writing; each mention reached them as an exported notification',
};

type Row = Record<string, unknown>;
type Expect = { section: string; item: (row: Row, nameOf: (id: unknown) => string) => Row };

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/** Each member-holding column that is exported: where its rows land in the export, and what identifies each one there. */
const EXPORTED: Record<string, Expect> = {
  'appeals.appellant_id': {
    section: 'appeals',
    item: (r) => ({ text: r.text, status: r.status, createdAt: iso(r.created_at) }),
  },
  'blocks.blocker_id': {
    section: 'blocked',
    item: (r, nameOf) => ({ displayName: nameOf(r.blocked_id), since: iso(r.created_at) }),
  },
  'calendar_tokens.user_id': { section: 'calendarFeed', item: () => ({ enabled: true }) },
  'celebrations.author_id': {
    section: 'celebrations',
    item: (r) => ({ id: r.id, title: r.title, threadId: r.thread_id }),
  },
  'cheers.user_id': {
    section: 'cheers',
    item: (r) => ({ celebrationId: r.celebration_id, createdAt: iso(r.created_at) }),
  },
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
  'sessions.user_id': {
    section: 'sessions',
    item: (r) => ({ createdAt: iso(r.created_at), expiresAt: iso(r.expires_at) }),
  },
  'thread_watches.user_id': {
    section: 'watching',
    item: (r) => ({ threadId: r.thread_id, watching: r.watching }),
  },
  'threads.author_id': { section: 'threads', item: (r) => ({ id: r.id, title: r.title }) },
};

/** Every column of the member's own users row: where it is in the export, or why it is not. */
const USER_COLUMNS_EXPORTED: Record<string, string> = {
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
const USER_COLUMNS_NOT_EXPORTED: Record<string, string> = {
  password_hash: 'secret: a password hash never leaves the server',
  display_name_key: 'the display name folded for the uniqueness check; the name itself is exported',
  last_digest_on: 'the digest sender’s bookkeeping (the day the last daily summary went)',
  deleted_at: 'always empty for a member who can still sign in and export',
};

/** `entry` holds every key of `expected` with an equal value. */
const matches = (entry: unknown, expected: Row): boolean =>
  typeof entry === 'object' &&
  entry !== null &&
  Object.entries(expected).every(([k, v]) => JSON.stringify((entry as Row)[k]) === JSON.stringify(v));

const at = (document: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], document);

const marker = (label: string) => `zq${randomBytes(4).toString('hex')}${label}`;
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

describe('privacy: the export is complete', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;
  let m: Member;
  let other: Member;
  let blocked: Member;
  let data: Record<string, unknown>;

  const as = <T = any>(who: Member, query: string, variables: Record<string, unknown> = {}) =>
    t.ok<T>(query, variables, who.token);

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
    await t.settled(); // the reply's and the warning's notifications

    data = JSON.parse(
      (await as<{ exportMyData: string }>(m, `mutation { exportMyData }`)).exportMyData,
    ) as Record<string, unknown>;
  }

  beforeAll(async () => {
    t = await TestHarness.start();
    await t.startWorker();
    admin = await createAdmin(t);
    moderator = await createMember(t, admin, 'MODERATOR');
    await seed();
  });
  afterAll(() => t?.stop());

  /** Every uuid column of every table that holds a member, read from information_schema. */
  async function memberColumns(): Promise<{ people: string[]; unclassified: string[] }> {
    const columns: { table_name: string; column_name: string; references: string | null }[] =
      await t.dataSource.query(
        `SELECT c.table_name, c.column_name,
              (SELECT min(ccu.table_name) FROM information_schema.key_column_usage k
                 JOIN information_schema.table_constraints tc
                   ON tc.constraint_name = k.constraint_name AND tc.table_schema = k.table_schema AND tc.constraint_type = 'FOREIGN KEY'
                 JOIN information_schema.constraint_column_usage ccu
                   ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
                WHERE k.table_schema = c.table_schema AND k.table_name = c.table_name AND k.column_name = c.column_name) AS "references"
         FROM information_schema.columns c JOIN information_schema.tables tb USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE' AND c.column_name <> 'id'
          AND (c.data_type = 'uuid' OR c.udt_name = '_uuid')
        ORDER BY 1, 2`,
      );
    const [{ tables }]: { tables: string[] }[] = await t.dataSource.query(
      `SELECT array_agg(table_name::text) AS tables FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    /** thread_id -> threads, category_id -> categories, case_id -> flag_cases, board_id -> resource_boards. */
    const namesATable = (column: string) => {
      const stem = column.replace(/_id$/, '');
      const plural = stem.endsWith('y') ? `${stem.slice(0, -1)}ies` : `${stem}s`;
      return (
        column.endsWith('_id') && tables.some((table) => table === plural || table.endsWith(`_${plural}`))
      );
    };
    const people: string[] = [];
    const unclassified: string[] = [];
    for (const { table_name, column_name, references } of columns) {
      const key = `${table_name}.${column_name}`;
      if (references === 'users' || (references === null && PERSON_COLUMN.test(column_name)))
        people.push(key);
      else if (references === null && !namesATable(column_name) && !(key in NOT_A_MEMBER))
        unclassified.push(key);
    }
    return { people, unclassified };
  }

  /** The member-holding columns found in the database that are neither exported nor left out on purpose. */
  const unaccounted = (people: string[]) => people.filter((c) => !(c in EXPORTED) && !(c in NOT_EXPORTED));

  it('finds the member-holding tables in the database, and each one is either exported or left out for a stated reason', async () => {
    const { people, unclassified } = await memberColumns();
    // A uuid column the rules above cannot place: say whether it holds a member.
    expect(unclassified).toEqual([]);
    // The derivation really finds them (these are not the whole list, only a floor).
    expect(people).toEqual(
      expect.arrayContaining([
        'threads.author_id',
        'celebrations.author_id',
        'resource_saves.user_id',
        'appeals.appellant_id',
      ]),
    );
    expect(people.length).toBeGreaterThan(30);
    expect(unaccounted(people), 'member data neither exported nor listed in NOT_EXPORTED').toEqual([]);
    const listed = [...Object.keys(EXPORTED), ...Object.keys(NOT_EXPORTED)];
    expect(
      listed.filter((c) => !people.includes(c)),
      'listed above but no longer in the database',
    ).toEqual([]);
    for (const reason of Object.values(NOT_EXPORTED)) expect(reason.length).toBeGreaterThan(20);
  });

  it('a table added later that holds members is caught, with or without a foreign key', async () => {
    await t.dataSource.query(
      `CREATE TABLE zz_check_ins (id uuid PRIMARY KEY, user_id uuid REFERENCES users (id), mood text)`,
    );
    await t.dataSource.query(
      `CREATE TABLE zz_support_people (owner_id uuid, supporter_user_id uuid, note text)`,
    );
    try {
      const { people, unclassified } = await memberColumns();
      expect(unaccounted(people)).toEqual([
        'zz_check_ins.user_id',
        'zz_support_people.owner_id',
        'zz_support_people.supporter_user_id',
      ]);
      expect(unclassified).toEqual([]);
    } finally {
      await t.dataSource.query(`DROP TABLE zz_check_ins, zz_support_people`);
    }
  });

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
