import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { createMember, Member } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { MentorsProcessor } from './jobs/mentors.processor';
import { PairingsService } from './pairings.service';

const TOPIC = `id label archived`;
const TOPICS = `query($all: Boolean) { mentorTopics(includeArchived: $all) { ${TOPIC} } }`;
const CREATE_TOPIC = `mutation($l: String!) { createMentorTopic(label: $l) { ${TOPIC} } }`;
const UPDATE_TOPIC = `mutation($id: ID!, $l: String, $a: Boolean) { updateMentorTopic(id: $id, label: $l, archived: $a) { ${TOPIC} } }`;
const PROFILE = `userId about capacity available status createdAt approvedAt user { id displayName } topics { id label }`;
const PAIRING = `id status createdAt startedAt endedAt pairedByStaff mentor { id displayName } mentee { id displayName }
  topics { id label } note conversationId checkInDue checkInAskedAt mentorCheckIn menteeCheckIn endNote endedBy { id }`;
const MINE = `{ myMentoring { canOffer offerNeedsApproval canAsk askReason profile { ${PROFILE} } asMentee { ${PAIRING} } asMentor { ${PAIRING} } } }`;
const SAVE = `mutation($i: SaveMentorProfileInput!) { saveMentorProfile(input: $i) { ${PROFILE} } }`;
const WITHDRAW = `mutation { withdrawMentorProfile }`;
const SUGGEST = `query($t: [ID!]!) { mentorSuggestions(topicIds: $t) { mentorId displayName about overlap freeSlots topics { ${TOPIC} } } }`;
const REQUEST = `mutation($i: RequestMentorInput!) { requestMentor(input: $i) { ${PAIRING} } }`;
const RESPOND = `mutation($id: ID!, $a: Boolean!) { respondToMentorRequest(id: $id, accept: $a) { ${PAIRING} } }`;
const END = `mutation($id: ID!, $n: String) { endMentorPairing(id: $id, note: $n) { ${PAIRING} } }`;
const ANSWER = `mutation($id: ID!, $a: PairingCheckIn!) { answerMentorCheckIn(id: $id, answer: $a) }`;
const STAFF_LIST = `query($s: PairingStatus) { mentorPairings(status: $s) { ${PAIRING} } }`;
const AWAITING = `{ mentorsAwaitingApproval { ${PROFILE} } }`;
const APPROVE = `mutation($u: ID!, $a: Boolean!) { approveMentor(userId: $u, approve: $a) { ${PROFILE} } }`;
const PAIR = `mutation($m: ID!, $e: ID!) { pairMentor(mentorId: $m, menteeId: $e) { ${PAIRING} } }`;
const PAIR_BY_NAME = `mutation($m: String, $e: String) { pairMentor(mentorName: $m, menteeName: $e) { ${PAIRING} } }`;
const MENTORS = `{ mentors { ${PROFILE} activeMentees } }`;
const SEND = `mutation($c: ID!, $b: String!) { sendMessage(input: { conversationId: $c, body: $b }) { message { id } } }`;
const CONVERSATION = `query($id: ID!) { conversation(id: $id) { id kind sendState { canSend reason } } }`;
const BLOCK = `mutation($u: ID!) { blockUser(userId: $u) }`;

type Topic = { id: string; label: string; archived: boolean };
type Profile = {
  userId: string;
  status: string;
  capacity: number;
  available: boolean;
  approvedAt: string | null;
  topics: Topic[];
};
type Pairing = {
  id: string;
  status: string;
  startedAt: string | null;
  endedAt: string | null;
  pairedByStaff: boolean;
  mentor: { id: string };
  mentee: { id: string };
  topics: { id: string; label: string }[];
  note: string | null;
  conversationId: string | null;
  checkInDue: boolean;
  checkInAskedAt: string | null;
  mentorCheckIn: string | null;
  menteeCheckIn: string | null;
  endNote: string | null;
  endedBy: { id: string } | null;
};
type Mentoring = {
  canOffer: boolean;
  offerNeedsApproval: boolean;
  canAsk: boolean;
  askReason: string | null;
  profile: Profile | null;
  asMentee: Pairing | null;
  asMentor: Pairing[];
};
type Suggestion = {
  mentorId: string;
  displayName: string;
  about: string;
  overlap: number;
  freeSlots: number;
  topics: Topic[];
};
type Notice = {
  type: string;
  title: string;
  body: string;
  url: string;
  source_key: string;
  read_at: Date | null;
};

const tag = () => randomBytes(3).toString('hex');

describe('mentors: offering, asking, pairing and the 30-day check-in', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;
  /** The default topics, by label. */
  let topic: Record<string, string>;

  beforeAll(async () => {
    ({
      t,
      admin,
      moderators: [moderator],
    } = await startCommunity({ worker: true, moderators: 1 }));
    const { mentorTopics } = await t.ok<{ mentorTopics: Topic[] }>(TOPICS, {}, admin.token);
    topic = Object.fromEntries(mentorTopics.map((x) => [x.label, x.id]));
  });
  afterAll(() => t?.stop());

  const mentoring = async (m: Member) =>
    (await t.ok<{ myMentoring: Mentoring }>(MINE, {}, m.token)).myMentoring;
  const notices = (m: Member, type?: string): Promise<Notice[]> =>
    t.dataSource.query(
      `SELECT type, title, body, url, source_key, read_at FROM notifications WHERE user_id = $1 AND ($2::text IS NULL OR type = $2) ORDER BY created_at`,
      [m.id, type ?? null],
    );
  /** Sets the member's recovery start date `months` ago (their time zone is UTC). */
  const recoveryStart = (m: Member, months: number) =>
    t.dataSource.query(
      `UPDATE users SET recovery_start = ((now() AT TIME ZONE 'UTC') - make_interval(months => $2))::date WHERE id = $1`,
      [m.id, months],
    );
  const joined = (m: Member, months: number) =>
    t.dataSource.query(`UPDATE users SET joined_at = now() - make_interval(months => $2) WHERE id = $1`, [
      m.id,
      months,
    ]);
  const member = () => createMember(t, admin);
  /** A member who joined today, with no recovery date: they may ask. */
  const newcomer = member;

  const profileInput = (topicIds: string[], extra: Record<string, unknown> = {}) => ({
    about: 'Two years in. I went back to work after IOP and can talk through the first weeks.',
    topicIds,
    capacity: 2,
    available: true,
    ...extra,
  });

  /** An approved mentor (a recovery start two years ago) offering `topicIds`. */
  async function mentor(
    topicIds: string[] = [topic['Returning to work']],
    extra: Record<string, unknown> = {},
  ): Promise<Member> {
    const m = await member();
    await recoveryStart(m, 24);
    const { saveMentorProfile } = await t.ok<{ saveMentorProfile: Profile }>(
      SAVE,
      { i: profileInput(topicIds, extra) },
      m.token,
    );
    expect(saveMentorProfile.status).toBe('APPROVED');
    return m;
  }

  async function request(mentee: Member, m: Member, extra: Record<string, unknown> = {}): Promise<Pairing> {
    const { requestMentor } = await t.ok<{ requestMentor: Pairing }>(
      REQUEST,
      { i: { mentorId: m.id, topicIds: [], ...extra } },
      mentee.token,
    );
    return requestMentor;
  }

  /** `mentee` asks `m`, who accepts: an ACTIVE pairing, as the mentor reads it. */
  async function paired(m: Member, mentee: Member): Promise<Pairing> {
    const asked = await request(mentee, m, { note: 'Hello, I would value some help.' });
    const { respondToMentorRequest } = await t.ok<{ respondToMentorRequest: Pairing }>(
      RESPOND,
      { id: asked.id, a: true },
      m.token,
    );
    return respondToMentorRequest;
  }

  const staffView = async (id: string, who: Member = moderator) =>
    (await t.ok<{ mentorPairings: Pairing[] }>(STAFF_LIST, {}, who.token)).mentorPairings.find(
      (p) => p.id === id,
    );

  describe('topics', () => {
    it('every signed-in member reads the default list; signed out, nobody does', async () => {
      expect(errorOf(await t.gql(TOPICS)).code).toBe('UNAUTHENTICATED');
      const m = await member();
      const { mentorTopics } = await t.ok<{ mentorTopics: Topic[] }>(TOPICS, {}, m.token);
      expect(mentorTopics.slice(0, 7).map((x) => x.label)).toEqual([
        'First months after treatment',
        'Returning to work',
        'Parenting in recovery',
        'Co-occurring anxiety or depression',
        'LGBTQ+ in recovery',
        'Relationships and family',
        'Staying sober at social events',
      ]);
      expect(mentorTopics.every((x) => !x.archived)).toBe(true);
    });

    it('only admins add, rename and archive topics; labels are unique whatever their case', async () => {
      const label = `Grief and loss ${tag()}`;
      expect(errorOf(await t.gql(CREATE_TOPIC, { l: label })).code).toBe('UNAUTHENTICATED');
      const m = await member();
      for (const who of [m, moderator])
        expect(errorOf(await t.gql(CREATE_TOPIC, { l: label }, who.token)).code).toBe('FORBIDDEN');
      expect(errorOf(await t.gql(CREATE_TOPIC, { l: '   ' }, admin.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'label',
      });
      expect(errorOf(await t.gql(CREATE_TOPIC, { l: 'x'.repeat(81) }, admin.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'label',
      });
      expect(errorOf(await t.gql(CREATE_TOPIC, { l: 'returning TO work' }, admin.token))).toMatchObject({
        code: 'CONFLICT',
        field: 'label',
      });
      const { createMentorTopic } = await t.ok<{ createMentorTopic: Topic }>(
        CREATE_TOPIC,
        { l: `  ${label} ` },
        admin.token,
      );
      expect(createMentorTopic).toMatchObject({ label, archived: false });

      const id = createMentorTopic.id;
      expect(errorOf(await t.gql(UPDATE_TOPIC, { id, l: 'Renamed' }, m.token)).code).toBe('FORBIDDEN');
      expect(
        errorOf(await t.gql(UPDATE_TOPIC, { id, l: 'PARENTING in recovery' }, admin.token)),
      ).toMatchObject({
        code: 'CONFLICT',
        field: 'label',
      });
      expect(errorOf(await t.gql(UPDATE_TOPIC, { id: 'nope', l: 'x y' }, admin.token)).code).toBe(
        'NOT_FOUND',
      );
      const renamed = `${label} (renamed)`;
      const { updateMentorTopic } = await t.ok<{ updateMentorTopic: Topic }>(
        UPDATE_TOPIC,
        { id, l: renamed, a: true },
        admin.token,
      );
      expect(updateMentorTopic).toEqual({ id, label: renamed, archived: true });
      const list = async (all: boolean) =>
        (await t.ok<{ mentorTopics: Topic[] }>(TOPICS, { all }, m.token)).mentorTopics;
      expect((await list(false)).some((x) => x.id === id)).toBe(false);
      expect((await list(true)).find((x) => x.id === id)).toEqual({ id, label: renamed, archived: true });
      // An archived topic cannot be chosen for a new offer.
      const offering = await member();
      await recoveryStart(offering, 24);
      expect(errorOf(await t.gql(SAVE, { i: profileInput([id]) }, offering.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'topicIds',
      });
      await t.ok(UPDATE_TOPIC, { id, a: false }, admin.token);
      expect((await list(false)).some((x) => x.id === id)).toBe(true);
    });
  });

  describe('who may offer and who may ask', () => {
    it('signed out, there is no mentoring to read', async () => {
      expect(errorOf(await t.gql(MINE)).code).toBe('UNAUTHENTICATED');
    });

    it('a newcomer (joined today, no date) may ask; their offer would wait for staff', async () => {
      const m = await newcomer();
      expect(await mentoring(m)).toEqual({
        canOffer: false,
        offerNeedsApproval: true,
        canAsk: true,
        askReason: null,
        profile: null,
        asMentee: null,
        asMentor: [],
      });
    });

    it('a year since the recovery start date: offers at once and cannot ask; 5 months: may ask; 7 months: may not', async () => {
      const year = await member();
      await recoveryStart(year, 13);
      expect(await mentoring(year)).toMatchObject({
        canOffer: true,
        offerNeedsApproval: false,
        canAsk: false,
      });
      expect((await mentoring(year)).askReason).toMatch(/first 6 months/);

      const five = await member();
      await recoveryStart(five, 5);
      await joined(five, 30);
      expect(await mentoring(five)).toMatchObject({
        canOffer: false,
        offerNeedsApproval: true,
        canAsk: true,
        askReason: null,
      });

      const seven = await member();
      await recoveryStart(seven, 7);
      expect(await mentoring(seven)).toMatchObject({ canAsk: false });
    });

    it('with no date, a member who joined more than 6 months ago cannot ask, and is told why', async () => {
      const m = await member();
      await joined(m, 7);
      const mine = await mentoring(m);
      expect(mine.canAsk).toBe(false);
      expect(mine.askReason).toMatch(/first 6 months in Kinship/);
    });
  });

  describe('offering to mentor', () => {
    it('refuses a bad offer naming the field, signed out or not', async () => {
      const work = topic['Returning to work'];
      expect(errorOf(await t.gql(SAVE, { i: profileInput([work]) })).code).toBe('UNAUTHENTICATED');
      const m = await member();
      const bad: [Record<string, unknown>, string][] = [
        [{ about: '  ' }, 'about'],
        [{ about: 'x'.repeat(601) }, 'about'],
        [{ topicIds: [] }, 'topicIds'],
        [{ topicIds: ['not-a-topic'] }, 'topicIds'],
        [{ topicIds: [work, work] }, 'topicIds'],
        [{ topicIds: ['00000000-0000-4000-8000-000000000000'] }, 'topicIds'],
        [{ capacity: 0 }, 'capacity'],
        [{ capacity: 4 }, 'capacity'],
      ];
      for (const [extra, field] of bad) {
        const res = await t.gql(SAVE, { i: profileInput([work], extra) }, m.token);
        expect(errorOf(res), JSON.stringify(extra)).toMatchObject({ code: 'BAD_USER_INPUT', field });
        expect(errorOf(res).message?.toLowerCase()).toContain(field === 'topicIds' ? 'topic' : field);
      }
      expect((await mentoring(m)).profile).toBeNull();
    });

    it('a year since the recovery start: APPROVED at once; saving again changes it; withdrawing removes it', async () => {
      const m = await member();
      await recoveryStart(m, 12);
      const { saveMentorProfile } = await t.ok<{ saveMentorProfile: Profile }>(
        SAVE,
        { i: profileInput([topic['Parenting in recovery'], topic['Returning to work']], { capacity: 3 }) },
        m.token,
      );
      expect(saveMentorProfile).toMatchObject({
        userId: m.id,
        status: 'APPROVED',
        capacity: 3,
        available: true,
        topics: [
          { id: topic['Parenting in recovery'], label: 'Parenting in recovery' },
          { id: topic['Returning to work'], label: 'Returning to work' },
        ],
      });
      expect(saveMentorProfile.approvedAt).toEqual(expect.any(String));
      const { saveMentorProfile: changed } = await t.ok<{ saveMentorProfile: Profile }>(
        SAVE,
        { i: profileInput([topic['Returning to work']], { capacity: 1, available: false }) },
        m.token,
      );
      expect(changed).toMatchObject({
        status: 'APPROVED',
        capacity: 1,
        available: false,
        approvedAt: saveMentorProfile.approvedAt,
      });
      expect((await mentoring(m)).profile).toEqual(changed);

      expect(errorOf(await t.gql(WITHDRAW)).code).toBe('UNAUTHENTICATED');
      expect(await t.ok(WITHDRAW, {}, m.token)).toEqual({ withdrawMentorProfile: true });
      expect(await t.ok(WITHDRAW, {}, m.token)).toEqual({ withdrawMentorProfile: false });
      expect((await mentoring(m)).profile).toBeNull();
    });

    it('less than a year: PENDING until staff approve it; staff see it waiting; an approved offer stays approved', async () => {
      const m = await member();
      await recoveryStart(m, 8);
      const { saveMentorProfile } = await t.ok<{ saveMentorProfile: Profile }>(
        SAVE,
        { i: profileInput([topic['Returning to work']]) },
        m.token,
      );
      expect(saveMentorProfile).toMatchObject({ status: 'PENDING', approvedAt: null });
      expect(await mentoring(m)).toMatchObject({ canOffer: false, offerNeedsApproval: true });

      expect(errorOf(await t.gql(AWAITING)).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(AWAITING, {}, m.token)).code).toBe('FORBIDDEN');
      const { mentorsAwaitingApproval } = await t.ok<{ mentorsAwaitingApproval: Profile[] }>(
        AWAITING,
        {},
        moderator.token,
      );
      expect(mentorsAwaitingApproval.find((p) => p.userId === m.id)).toMatchObject({
        status: 'PENDING',
        user: { id: m.id },
      });
      expect(mentorsAwaitingApproval.every((p) => p.status === 'PENDING')).toBe(true);

      // Approving: signed out, as a member, a bad id, their own offer; then a moderator does.
      expect(errorOf(await t.gql(APPROVE, { u: m.id, a: true })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(APPROVE, { u: m.id, a: true }, m.token)).code).toBe('FORBIDDEN');
      expect(errorOf(await t.gql(APPROVE, { u: 'nope', a: true }, moderator.token)).code).toBe('NOT_FOUND');
      await t.ok(SAVE, { i: profileInput([topic['Returning to work']]) }, moderator.token);
      expect(errorOf(await t.gql(APPROVE, { u: moderator.id, a: true }, moderator.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'userId',
      });
      const { approveMentor } = await t.ok<{ approveMentor: Profile }>(
        APPROVE,
        { u: m.id, a: true },
        moderator.token,
      );
      expect(approveMentor).toMatchObject({ status: 'APPROVED', approvedAt: expect.any(String) });
      expect(await mentoring(m)).toMatchObject({ canOffer: true, offerNeedsApproval: false });
      expect(await notices(m, 'MENTOR_UPDATE')).toMatchObject([
        { title: 'Your offer to mentor was approved.' },
      ]);
      // Saving again (still under a year) keeps it approved.
      const { saveMentorProfile: again } = await t.ok<{ saveMentorProfile: Profile }>(
        SAVE,
        { i: profileInput([topic['Relationships and family']]) },
        m.token,
      );
      expect(again.status).toBe('APPROVED');
      const waiting = (await t.ok<{ mentorsAwaitingApproval: Profile[] }>(AWAITING, {}, admin.token))
        .mentorsAwaitingApproval;
      expect(waiting.some((p) => p.userId === m.id)).toBe(false);
      expect(waiting.some((p) => p.userId === moderator.id)).toBe(true);
      await t.ok(WITHDRAW, {}, moderator.token);
    });

    it('staff not taking an offer up removes it, declines requests waiting for that mentor and thanks the member neutrally', async () => {
      const m = await mentor();
      const mentee = await newcomer();
      const asked = await request(mentee, m);
      expect(await t.ok(APPROVE, { u: m.id, a: false }, moderator.token)).toEqual({ approveMentor: null });
      expect((await mentoring(m)).profile).toBeNull();
      expect(await notices(m, 'MENTOR_UPDATE')).toMatchObject([
        { title: 'Thank you for offering to mentor.' },
      ]);
      expect((await mentoring(mentee)).asMentee).toMatchObject({ id: asked.id, status: 'DECLINED' });
      expect(await notices(mentee, 'MENTOR_UPDATE')).toMatchObject([
        { title: 'The mentor you asked is not available right now.' },
      ]);
      expect(errorOf(await t.gql(APPROVE, { u: m.id, a: true }, moderator.token)).code).toBe('NOT_FOUND');
    });
  });

  describe('suggestions', () => {
    it('signed out, past the first 6 months, or with a bad topic: refused', async () => {
      expect(errorOf(await t.gql(SUGGEST, { t: [] })).code).toBe('UNAUTHENTICATED');
      const old = await member();
      await recoveryStart(old, 13);
      const refused = errorOf(await t.gql(SUGGEST, { t: [] }, old.token));
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.message).toMatch(/first 6 months/);
      const m = await newcomer();
      expect(errorOf(await t.gql(SUGGEST, { t: ['nope'] }, m.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'topicIds',
      });
    });

    it('ranks by topics in common then free places; never full, unavailable, pending or blocked mentors, nor the viewer; never a date', async () => {
      const { createMentorTopic: a } = await t.ok<{ createMentorTopic: Topic }>(
        CREATE_TOPIC,
        { l: `Ranking A ${tag()}` },
        admin.token,
      );
      const { createMentorTopic: b } = await t.ok<{ createMentorTopic: Topic }>(
        CREATE_TOPIC,
        { l: `Ranking B ${tag()}` },
        admin.token,
      );
      const both = [a.id, b.id];
      const roomy = await mentor(both, { capacity: 3 });
      const snug = await mentor(both, { capacity: 1 });
      const partial = await mentor([a.id], { capacity: 3 });
      const full = await mentor(both, { capacity: 1 });
      await paired(full, await newcomer());
      const away = await mentor(both, { available: false });
      const pending = await member();
      await t.ok(SAVE, { i: profileInput(both) }, pending.token);
      const blocked = await mentor(both);
      const blocker = await mentor(both);

      const m = await newcomer();
      await t.ok(BLOCK, { u: blocked.id }, m.token);
      await t.ok(BLOCK, { u: m.id }, blocker.token);
      // The newcomer offers too (approved by staff): they are never their own suggestion.
      await t.ok(SAVE, { i: profileInput(both) }, m.token);
      await t.ok(APPROVE, { u: m.id, a: true }, moderator.token);

      const { mentorSuggestions } = await t.ok<{ mentorSuggestions: Suggestion[] }>(
        SUGGEST,
        { t: both },
        m.token,
      );
      expect(mentorSuggestions.length).toBeLessThanOrEqual(10);
      expect(mentorSuggestions.slice(0, 3).map((s) => [s.mentorId, s.overlap, s.freeSlots])).toEqual([
        [roomy.id, 2, 3],
        [snug.id, 2, 1],
        [partial.id, 1, 3],
      ]);
      expect(mentorSuggestions[0]).toEqual({
        mentorId: roomy.id,
        displayName: roomy.displayName,
        about: profileInput([]).about,
        overlap: 2,
        freeSlots: 3,
        topics: [a, b],
      });
      const ids = mentorSuggestions.map((s) => s.mentorId);
      for (const never of [full, away, pending, blocked, blocker, m]) expect(ids).not.toContain(never.id);

      // Nothing in a suggestion is a date, and the type has no field that could carry one.
      const dateLike = /^\d{4}-\d{2}-\d{2}/;
      const walk = (value: unknown, path: string): string[] =>
        value && typeof value === 'object'
          ? Object.entries(value).flatMap(([k, v]) => [
              ...(/date|at$|since|joined|recovery|start/i.test(k) ? [`${path}.${k}`] : []),
              ...walk(v, `${path}.${k}`),
            ])
          : typeof value === 'string' && dateLike.test(value)
            ? [path]
            : [];
      expect(walk(mentorSuggestions, 'suggestions')).toEqual([]);
      const { __type } = await t.ok<{ __type: { fields: { name: string }[] } }>(
        `{ __type(name: "MentorSuggestion") { fields { name } } }`,
        {},
        m.token,
      );
      expect(__type.fields.map((f) => f.name).sort()).toEqual([
        'about',
        'displayName',
        'freeSlots',
        'mentorId',
        'overlap',
        'topics',
      ]);
    });

    it('a full mentor is suggested again once a pairing ends', async () => {
      const { createMentorTopic: x } = await t.ok<{ createMentorTopic: Topic }>(
        CREATE_TOPIC,
        { l: `Capacity ${tag()}` },
        admin.token,
      );
      const full = await mentor([x.id], { capacity: 1 });
      const first = await paired(full, await newcomer());
      const m = await newcomer();
      const ids = async () =>
        (
          await t.ok<{ mentorSuggestions: Suggestion[] }>(SUGGEST, { t: [x.id] }, m.token)
        ).mentorSuggestions.map((s) => s.mentorId);
      expect(await ids()).not.toContain(full.id);
      expect(
        errorOf(await t.gql(REQUEST, { i: { mentorId: full.id, topicIds: [] } }, m.token)),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'mentorId',
      });
      await t.ok(END, { id: first.id }, full.token);
      expect((await ids())[0]).toBe(full.id);
    });
  });

  describe('a request, its answer, the conversation and the end', () => {
    it('requestMentor: signed out, past 6 months, bad input, an unavailable mentor, then a request the mentor is told of', async () => {
      const m = await mentor();
      const input = {
        mentorId: m.id,
        topicIds: [topic['Returning to work']],
        note: 'I start a new job next month.',
      };
      expect(errorOf(await t.gql(REQUEST, { i: input })).code).toBe('UNAUTHENTICATED');
      const old = await member();
      await recoveryStart(old, 9);
      expect(errorOf(await t.gql(REQUEST, { i: input }, old.token)).code).toBe('FORBIDDEN');

      const mentee = await newcomer();
      const pending = await member();
      await t.ok(SAVE, { i: profileInput([topic['Returning to work']]) }, pending.token);
      const bad: [Record<string, unknown>, string][] = [
        [{ mentorId: 'nope' }, 'mentorId'],
        [{ note: 'x'.repeat(501) }, 'note'],
        [{ topicIds: ['nope'] }, 'topicIds'],
        [{ topicIds: ['00000000-0000-4000-8000-000000000000'] }, 'topicIds'],
        [{ mentorId: mentee.id }, 'mentorId'],
        [{ mentorId: pending.id }, 'mentorId'],
      ];
      for (const [extra, field] of bad) {
        expect(
          errorOf(await t.gql(REQUEST, { i: { ...input, ...extra } }, mentee.token)),
          field,
        ).toMatchObject({
          code: 'BAD_USER_INPUT',
          field,
        });
      }

      const asked = await request(mentee, m, { topicIds: input.topicIds, note: `  ${input.note}  ` });
      expect(asked).toMatchObject({
        status: 'REQUESTED',
        startedAt: null,
        mentor: { id: m.id },
        mentee: { id: mentee.id },
        topics: [{ id: topic['Returning to work'], label: 'Returning to work' }],
        note: input.note,
        conversationId: null,
        pairedByStaff: false,
        checkInDue: false,
        endNote: null,
        menteeCheckIn: null,
      });
      const [told] = await notices(m, 'MENTOR_REQUEST');
      expect(told).toMatchObject({
        title: `${mentee.displayName} asked you to be their mentor.`,
        url: '/mentoring',
        source_key: `mentor-request:${asked.id}`,
      });
      expect(`${told.title} ${told.body}`).not.toContain('new job');
      expect((await mentoring(m)).asMentor).toMatchObject([
        { id: asked.id, status: 'REQUESTED', note: input.note },
      ]);
      expect((await mentoring(mentee)).asMentee).toMatchObject({ id: asked.id, status: 'REQUESTED' });

      // One open at a time.
      const other = await mentor();
      expect(
        errorOf(await t.gql(REQUEST, { i: { mentorId: other.id, topicIds: [] } }, mentee.token)),
      ).toMatchObject({
        code: 'CONFLICT',
        field: 'mentorId',
      });
    });

    it('accepting opens a conversation both can write in; moderators cannot read it; ending closes it for sending', async () => {
      const m = await mentor();
      const mentee = await newcomer();
      const asked = await request(mentee, m, { note: 'Hi there.' });

      expect(errorOf(await t.gql(RESPOND, { id: asked.id, a: true })).code).toBe('UNAUTHENTICATED');
      for (const who of [mentee, moderator, admin]) {
        expect(errorOf(await t.gql(RESPOND, { id: asked.id, a: true }, who.token)).code).toBe('NOT_FOUND');
      }
      expect(errorOf(await t.gql(RESPOND, { id: 'nope', a: true }, m.token)).code).toBe('NOT_FOUND');

      const { respondToMentorRequest: active } = await t.ok<{ respondToMentorRequest: Pairing }>(
        RESPOND,
        { id: asked.id, a: true },
        m.token,
      );
      expect(active).toMatchObject({
        status: 'ACTIVE',
        startedAt: expect.any(String),
        conversationId: expect.any(String),
      });
      // Tapping accept twice changes nothing.
      expect(
        (await t.ok<{ respondToMentorRequest: Pairing }>(RESPOND, { id: asked.id, a: true }, m.token))
          .respondToMentorRequest,
      ).toMatchObject({
        status: 'ACTIVE',
        conversationId: active.conversationId,
      });
      const conversationId = active.conversationId!;
      expect((await mentoring(mentee)).asMentee).toMatchObject({
        id: asked.id,
        status: 'ACTIVE',
        conversationId,
      });
      expect(await notices(mentee, 'MENTOR_UPDATE')).toMatchObject([
        { title: `${m.displayName} accepted your mentoring request.`, url: `/messages/${conversationId}` },
      ]);
      expect((await notices(m, 'MENTOR_REQUEST'))[0].read_at).not.toBeNull();

      await t.ok(SEND, { c: conversationId, b: 'Welcome. How has your first week been?' }, m.token);
      await t.ok(SEND, { c: conversationId, b: 'Better than I expected, thank you.' }, mentee.token);
      for (const who of [m, mentee]) {
        const { conversation } = await t.ok<{
          conversation: { kind: string; sendState: { canSend: boolean } };
        }>(CONVERSATION, { id: conversationId }, who.token);
        expect(conversation).toMatchObject({ kind: 'MENTORING', sendState: { canSend: true } });
      }
      for (const staff of [moderator, admin]) {
        expect(await t.ok(CONVERSATION, { id: conversationId }, staff.token)).toEqual({ conversation: null });
        expect(await staffView(asked.id, staff)).toMatchObject({
          status: 'ACTIVE',
          note: null,
          conversationId: null,
        });
      }

      // The mentee ends it, with a note for staff.
      expect(errorOf(await t.gql(END, { id: asked.id })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(END, { id: asked.id }, moderator.token)).code).toBe('NOT_FOUND');
      expect(errorOf(await t.gql(END, { id: asked.id, n: 'x'.repeat(501) }, mentee.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'note',
      });
      const { endMentorPairing } = await t.ok<{ endMentorPairing: Pairing }>(
        END,
        { id: asked.id, n: 'We did not click.' },
        mentee.token,
      );
      expect(endMentorPairing).toMatchObject({
        status: 'ENDED',
        endedAt: expect.any(String),
        endNote: null,
        endedBy: null,
      });
      expect(await notices(m, 'MENTOR_UPDATE')).toMatchObject([
        { title: 'Your mentoring pairing has ended.' },
      ]);
      expect(JSON.stringify(await notices(m))).not.toContain('click');
      for (const who of [m, mentee]) {
        const { conversation } = await t.ok<{
          conversation: { sendState: { canSend: boolean; reason: string } };
        }>(CONVERSATION, { id: conversationId }, who.token);
        expect(conversation.sendState).toMatchObject({
          canSend: false,
          reason: expect.stringMatching(/ended/),
        });
        expect(errorOf(await t.gql(SEND, { c: conversationId, b: 'Still there?' }, who.token)).code).toBe(
          'FORBIDDEN',
        );
      }
      expect((await mentoring(m)).asMentor).toEqual([]);
      expect(await staffView(asked.id)).toMatchObject({
        status: 'ENDED',
        endNote: 'We did not click.',
        endedBy: { id: mentee.id },
        note: null,
      });
      // Ending it again changes nothing.
      expect(
        (await t.ok<{ endMentorPairing: Pairing }>(END, { id: asked.id, n: 'again' }, m.token))
          .endMentorPairing.status,
      ).toBe('ENDED');
      expect((await staffView(asked.id))?.endNote).toBe('We did not click.');
    });

    it('the mentor may end it too; the mentee hears only that it has ended', async () => {
      const m = await mentor();
      const mentee = await newcomer();
      const active = await paired(m, mentee);
      await t.ok(END, { id: active.id, n: 'Moving cities.' }, m.token);
      expect(await notices(mentee, 'MENTOR_UPDATE')).toMatchObject([
        { title: `${m.displayName} accepted your mentoring request.` },
        { title: 'Your mentoring pairing has ended.', body: expect.not.stringContaining('Moving') },
      ]);
      expect(await staffView(active.id)).toMatchObject({ endedBy: { id: m.id }, endNote: 'Moving cities.' });
    });

    it('declining tells the mentee only "not available right now"; that mentor is not suggested to them again', async () => {
      const { createMentorTopic: x } = await t.ok<{ createMentorTopic: Topic }>(
        CREATE_TOPIC,
        { l: `Decline ${tag()}` },
        admin.token,
      );
      const m = await mentor([x.id]);
      const mentee = await newcomer();
      const asked = await request(mentee, m);
      const { respondToMentorRequest } = await t.ok<{ respondToMentorRequest: Pairing }>(
        RESPOND,
        { id: asked.id, a: false },
        m.token,
      );
      expect(respondToMentorRequest).toMatchObject({ status: 'DECLINED', conversationId: null });
      const told = await notices(mentee, 'MENTOR_UPDATE');
      expect(told).toEqual([
        expect.objectContaining({
          title: 'The mentor you asked is not available right now.',
          body: 'You can ask another mentor on Mentoring.',
          source_key: `mentor-update:${asked.id}:declined`,
        }),
      ]);
      expect(told[0].title).not.toContain(m.displayName);
      expect((await mentoring(mentee)).asMentee).toMatchObject({ id: asked.id, status: 'DECLINED' });
      const { mentorSuggestions } = await t.ok<{ mentorSuggestions: Suggestion[] }>(
        SUGGEST,
        { t: [x.id] },
        mentee.token,
      );
      expect(mentorSuggestions.map((s) => s.mentorId)).not.toContain(m.id);
      // They may ask someone else at once.
      expect((await request(mentee, await mentor([x.id]))).status).toBe('REQUESTED');
    });

    it('a mentor at capacity cannot accept another request, and is told why', async () => {
      const m = await mentor([topic['Returning to work']], { capacity: 1 });
      const first = await request(await newcomer(), m);
      const second = await request(await newcomer(), m);
      await t.ok(RESPOND, { id: first.id, a: true }, m.token);
      const refused = errorOf(await t.gql(RESPOND, { id: second.id, a: true }, m.token));
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toMatch(/capacity of 1/);
      expect((await mentoring(m)).asMentor.map((p) => [p.id, p.status])).toEqual([
        [second.id, 'REQUESTED'],
        [first.id, 'ACTIVE'],
      ]);
    });

    it('a mentee who ends a request withdraws it: the mentor no longer sees it and is not told', async () => {
      const m = await mentor();
      const mentee = await newcomer();
      const asked = await request(mentee, m);
      const { endMentorPairing } = await t.ok<{ endMentorPairing: Pairing }>(
        END,
        { id: asked.id },
        mentee.token,
      );
      expect(endMentorPairing).toMatchObject({ status: 'ENDED', startedAt: null });
      expect((await mentoring(m)).asMentor).toEqual([]);
      expect(await notices(m, 'MENTOR_UPDATE')).toEqual([]);
      expect((await notices(m, 'MENTOR_REQUEST'))[0].read_at).not.toBeNull();
      expect(errorOf(await t.gql(RESPOND, { id: asked.id, a: true }, m.token)).code).toBe('NOT_FOUND');
    });

    it('a block ends an open pairing; the conversation closes and the pairing leaves both lists', async () => {
      const m = await mentor();
      const mentee = await newcomer();
      const active = await paired(m, mentee);
      await t.ok(BLOCK, { u: m.id }, mentee.token);
      const { conversation } = await t.ok<{ conversation: { sendState: { canSend: boolean } } }>(
        CONVERSATION,
        { id: active.conversationId },
        m.token,
      );
      expect(conversation.sendState.canSend).toBe(false);
      expect((await mentoring(m)).asMentor).toEqual([]);
      expect((await mentoring(mentee)).asMentee).toBeNull();
      expect((await staffView(active.id))?.status).toBe('ENDED');
    });

    it('a request written while a block landed (the trigger missed it) reads as gone, and frees the mentee', async () => {
      const m = await mentor();
      const mentee = await newcomer();
      const asked = await request(mentee, m);
      // As if the block committed while the request was still being written: the trigger never saw it.
      await t.dataSource.query(`ALTER TABLE blocks DISABLE TRIGGER conversations_end_on_block`);
      try {
        await t.dataSource.query(`INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2)`, [
          mentee.id,
          m.id,
        ]);
      } finally {
        await t.dataSource.query(`ALTER TABLE blocks ENABLE TRIGGER conversations_end_on_block`);
      }
      expect(errorOf(await t.gql(RESPOND, { id: asked.id, a: true }, m.token)).code).toBe('NOT_FOUND');
      expect((await staffView(asked.id))?.status).toBe('DECLINED');
      expect(await notices(mentee, 'MENTOR_UPDATE')).toEqual([]);
      expect((await request(mentee, await mentor())).status).toBe('REQUESTED');
    });

    it('at most 5 requests a day', async () => {
      const m = await mentor();
      const mentee = await newcomer();
      for (let i = 0; i < 5; i++) {
        const asked = await request(mentee, m);
        await t.ok(END, { id: asked.id }, mentee.token);
      }
      const limited = errorOf(await t.gql(REQUEST, { i: { mentorId: m.id, topicIds: [] } }, mentee.token));
      expect(limited.code).toBe('RATE_LIMITED');
      expect(limited.message).toMatch(/5 mentor requests today/);
    });
  });

  describe('staff', () => {
    it('pairMentor: signed out, as a member, bad input, then a direct pairing both are told of, with its conversation', async () => {
      const m = await mentor();
      const mentee = await member();
      // Past the first 6 months: staff may still pair them.
      await recoveryStart(mentee, 10);
      expect(errorOf(await t.gql(PAIR, { m: m.id, e: mentee.id })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(PAIR, { m: m.id, e: mentee.id }, mentee.token)).code).toBe('FORBIDDEN');
      const pending = await member();
      await t.ok(SAVE, { i: profileInput([topic['Returning to work']]) }, pending.token);
      const busy = await newcomer();
      await request(busy, await mentor());
      const bad: [Record<string, string>, string, string][] = [
        [{ m: 'nope', e: mentee.id }, 'BAD_USER_INPUT', 'mentorId'],
        [{ m: m.id, e: m.id }, 'BAD_USER_INPUT', 'menteeId'],
        [{ m: pending.id, e: mentee.id }, 'BAD_USER_INPUT', 'mentorId'],
        [{ m: mentee.id, e: m.id }, 'BAD_USER_INPUT', 'mentorId'],
        [{ m: m.id, e: busy.id }, 'CONFLICT', 'menteeId'],
        [{ m: m.id, e: moderator.id }, 'BAD_USER_INPUT', 'menteeId'],
      ];
      for (const [v, code, field] of bad) {
        expect(errorOf(await t.gql(PAIR, v, moderator.token)), JSON.stringify(v)).toMatchObject({
          code,
          field,
        });
      }

      const { pairMentor } = await t.ok<{ pairMentor: Pairing }>(
        PAIR,
        { m: m.id, e: mentee.id },
        moderator.token,
      );
      expect(pairMentor).toMatchObject({
        status: 'ACTIVE',
        pairedByStaff: true,
        startedAt: expect.any(String),
        mentor: { id: m.id },
        mentee: { id: mentee.id },
        conversationId: null,
        note: null,
      });
      expect(await notices(mentee, 'MENTOR_UPDATE')).toMatchObject([
        { title: `${m.displayName} is now your mentor.` },
      ]);
      expect(await notices(m, 'MENTOR_UPDATE')).toMatchObject([
        { title: `${mentee.displayName} is now your mentee.` },
      ]);
      const { asMentee } = await mentoring(mentee);
      expect(asMentee).toMatchObject({ id: pairMentor.id, status: 'ACTIVE', pairedByStaff: true });
      await t.ok(SEND, { c: asMentee!.conversationId, b: 'Hello, staff introduced us.' }, m.token);
      await t.ok(SEND, { c: asMentee!.conversationId, b: 'Hello!' }, mentee.token);
      expect(await t.ok(CONVERSATION, { id: asMentee!.conversationId }, moderator.token)).toEqual({
        conversation: null,
      });
    });

    it('pairMentor by display name (whatever its case): a name nobody has is refused at its field', async () => {
      const m = await mentor();
      const mentee = await member();
      const bad: [Record<string, string | null>, string][] = [
        [{ m: null, e: mentee.displayName }, 'mentorName'],
        [{ m: m.displayName, e: '  ' }, 'menteeName'],
        [{ m: `Nobody ${tag()}`, e: mentee.displayName }, 'mentorName'],
        [{ m: m.displayName, e: `Nobody ${tag()}` }, 'menteeName'],
      ];
      for (const [v, field] of bad) {
        expect(errorOf(await t.gql(PAIR_BY_NAME, v, moderator.token)), JSON.stringify(v)).toMatchObject({
          code: 'BAD_USER_INPUT',
          field,
        });
      }
      expect(
        errorOf(await t.gql(PAIR_BY_NAME, { m: m.displayName, e: mentee.displayName }, m.token)).code,
      ).toBe('FORBIDDEN');
      const { pairMentor } = await t.ok<{ pairMentor: Pairing }>(
        PAIR_BY_NAME,
        { m: ` ${m.displayName.toUpperCase()} `, e: mentee.displayName.toLowerCase() },
        admin.token,
      );
      expect(pairMentor).toMatchObject({ status: 'ACTIVE', mentor: { id: m.id }, mentee: { id: mentee.id } });
    });

    it('mentors: staff only; approved offers with how many mentees each has now, never pending ones', async () => {
      expect(errorOf(await t.gql(MENTORS)).code).toBe('UNAUTHENTICATED');
      const m = await mentor();
      expect(errorOf(await t.gql(MENTORS, {}, m.token)).code).toBe('FORBIDDEN');
      const pending = await member();
      await t.ok(SAVE, { i: profileInput([topic['Returning to work']]) }, pending.token);
      await paired(m, await newcomer());
      const { mentors } = await t.ok<{ mentors: (Profile & { activeMentees: number })[] }>(
        MENTORS,
        {},
        moderator.token,
      );
      expect(mentors.every((p) => p.status === 'APPROVED')).toBe(true);
      expect(mentors.find((p) => p.userId === pending.id)).toBeUndefined();
      expect(mentors.find((p) => p.userId === m.id)).toMatchObject({ capacity: 2, activeMentees: 1 });
    });

    it('mentorPairings: staff only; by status; with end notes and check-in answers, never notes or conversations', async () => {
      expect(errorOf(await t.gql(STAFF_LIST)).code).toBe('UNAUTHENTICATED');
      const m = await mentor();
      const mentee = await newcomer();
      expect(errorOf(await t.gql(STAFF_LIST, {}, m.token)).code).toBe('FORBIDDEN');
      expect(errorOf(await t.gql(STAFF_LIST, { s: 'NOPE' }, moderator.token)).code).toBe('BAD_USER_INPUT');
      const active = await paired(m, mentee);
      await t.ok(END, { id: active.id, n: 'Schedules never matched.' }, m.token);
      const { mentorPairings } = await t.ok<{ mentorPairings: Pairing[] }>(
        STAFF_LIST,
        { s: 'ENDED' },
        admin.token,
      );
      expect(mentorPairings.every((p) => p.status === 'ENDED')).toBe(true);
      expect(mentorPairings.find((p) => p.id === active.id)).toMatchObject({
        mentor: { id: m.id, displayName: m.displayName },
        mentee: { id: mentee.id, displayName: mentee.displayName },
        startedAt: expect.any(String),
        endedAt: expect.any(String),
        endNote: 'Schedules never matched.',
        endedBy: { id: m.id },
      });
      // Not a participant, a moderator or admin reads no pairing's note and no conversation.
      for (const staff of [moderator, admin]) {
        const all = (await t.ok<{ mentorPairings: Pairing[] }>(STAFF_LIST, {}, staff.token)).mentorPairings;
        expect(all.length).toBeGreaterThan(5);
        expect(all.filter((p) => p.note !== null || p.conversationId !== null)).toEqual([]);
      }
    });
  });

  describe('the 30-day check-in', () => {
    it('is sent once to both sides 30 days in, even when the job runs twice at once; answers are for staff only; END_IT ends it', async () => {
      const m = await mentor();
      const mentee = await newcomer();
      const due = await paired(m, mentee);
      const notYet = await paired(await mentor(), await newcomer());
      const unanswered = errorOf(await t.gql(ANSWER, { id: due.id, a: 'GOING_WELL' }, mentee.token));
      expect(unanswered.code).toBe('CONFLICT');
      await t.dataSource.query(
        `UPDATE mentor_pairings SET started_at = now() - interval '31 days' WHERE id = $1`,
        [due.id],
      );
      await t.dataSource.query(
        `UPDATE mentor_pairings SET started_at = now() - interval '29 days' WHERE id = $1`,
        [notYet.id],
      );

      const processor = t.worker!.get(MentorsProcessor);
      const service = t.worker!.get(PairingsService);
      await Promise.all([processor.checkIns(), processor.checkIns()]);
      await processor.checkIns();
      expect(await service.sendCheckIns()).toBe(0);
      for (const who of [m, mentee]) {
        expect(await notices(who, 'MENTOR_CHECK_IN')).toEqual([
          expect.objectContaining({
            title: 'How is mentoring going?',
            url: '/mentoring',
            source_key: `mentor-check-in:${due.id}`,
          }),
        ]);
      }
      const [{ n }]: { n: number }[] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM notifications WHERE source_key = $1`,
        [`mentor-check-in:${notYet.id}`],
      );
      expect(n).toBe(0);
      expect((await mentoring(mentee)).asMentee).toMatchObject({
        checkInDue: true,
        checkInAskedAt: expect.any(String),
      });
      expect((await staffView(due.id))?.checkInDue).toBe(false);

      // Answering: signed out, not in the pairing, a bad answer; then the mentee answers.
      expect(errorOf(await t.gql(ANSWER, { id: due.id, a: 'GOING_WELL' })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(ANSWER, { id: due.id, a: 'GOING_WELL' }, moderator.token)).code).toBe(
        'NOT_FOUND',
      );
      expect(errorOf(await t.gql(ANSWER, { id: due.id, a: 'GREAT' }, mentee.token)).code).toBe(
        'BAD_USER_INPUT',
      );
      expect(await t.ok(ANSWER, { id: due.id, a: 'COULD_BE_BETTER' }, mentee.token)).toEqual({
        answerMentorCheckIn: true,
      });
      const menteeView = (await mentoring(mentee)).asMentee!;
      expect(menteeView).toMatchObject({ checkInDue: false, menteeCheckIn: null, mentorCheckIn: null });
      const mentorView = (await mentoring(m)).asMentor.find((p) => p.id === due.id)!;
      expect(mentorView).toMatchObject({ checkInDue: true, menteeCheckIn: null, mentorCheckIn: null });
      expect(await staffView(due.id)).toMatchObject({
        menteeCheckIn: 'COULD_BE_BETTER',
        mentorCheckIn: null,
        status: 'ACTIVE',
      });
      expect((await notices(mentee, 'MENTOR_CHECK_IN'))[0].read_at).not.toBeNull();

      // The mentor would like to end it: it ends as endMentorPairing would, the mentee told neutrally.
      await t.ok(ANSWER, { id: due.id, a: 'END_IT' }, m.token);
      expect(await staffView(due.id)).toMatchObject({
        status: 'ENDED',
        mentorCheckIn: 'END_IT',
        menteeCheckIn: 'COULD_BE_BETTER',
        endedBy: { id: m.id },
      });
      expect((await notices(mentee, 'MENTOR_UPDATE')).at(-1)).toMatchObject({
        title: 'Your mentoring pairing has ended.',
      });
      const { conversation } = await t.ok<{ conversation: { sendState: { canSend: boolean } } }>(
        CONVERSATION,
        { id: due.conversationId },
        mentee.token,
      );
      expect(conversation.sendState.canSend).toBe(false);
      // Nothing goes again for an ended pairing.
      expect(await service.sendCheckIns()).toBe(0);
    });
  });
});
