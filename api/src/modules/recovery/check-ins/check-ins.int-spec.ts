import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { errorOf, TestHarness } from '../../../../test/harness';
import { createMember, Member } from '../../../../test/factories';
import { startCommunity } from '../../../../test/community';
import { addDays, localToday } from './check-in-rules';
import { CheckInsService, REMINDER_TEXT } from './check-ins.service';

const SAVE = `mutation($input: CheckInInput!) { saveCheckIn(input: $input) { id day mood cravings sleep helped hard updatedAt } }`;
const MINE = `query($days: Int) { myCheckIns(days: $days) { id day mood } }`;
const ONE = `query($day: String!) { myCheckIn(day: $day) { id day mood helped } }`;
const PATTERN = `{ checkInPattern { hardDays showPlan offerReachOut } }`;
const DISMISS = `mutation { dismissReachOutOffer }`;
const BARC = `mutation($a: [Int!]!) { saveRecoveryCapital(answers: $a) { id month answers total } }`;
const MY_BARC = `{ myRecoveryCapital { id month total } }`;
const TREND = `query($d: Int!) { checkInTrend(days: $d) { days { day mood cravings sleep } recoveryCapital { month total } } }`;
const SETTINGS = `{ checkInSettings { enabled reminder reminderTime } }`;
const SET = `mutation($e: Boolean!, $r: Boolean!, $t: String) { setCheckInSettings(enabled: $e, reminder: $r, reminderTime: $t) { enabled reminder reminderTime } }`;
const DELETE = `mutation { deleteCheckInHistory }`;
const SHARE = `mutation($day: String!, $body: String!) { shareCheckIn(day: $day, body: $body) }`;
const ZONE = `mutation($z: String!) { updateProfile(input: { timeZone: $z }) { id } }`;

describe('check-ins', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;
  let service: CheckInsService;

  beforeAll(async () => {
    ({ t, admin, moderators: [moderator] } = await startCommunity({ moderators: 1 }));
    service = t.app.get(CheckInsService);
  });
  afterAll(() => t?.stop());

  const member = async (timeZone = 'UTC'): Promise<Member> => {
    const m = await createMember(t, admin);
    await t.ok(ZONE, { z: timeZone }, m.token);
    return m;
  };
  const today = (timeZone: string) => localToday(new Date(), timeZone);
  const save = (m: Member, input: Record<string, unknown>) =>
    t.ok<{ saveCheckIn: { id: string; day: string; mood: number; helped: string | null } }>(SAVE, { input }, m.token);

  it('keeps one check-in per local day in the member’s time zone; a second save that day updates it', async () => {
    // UTC+14 and UTC-11 are always on different dates.
    const m = await member('Pacific/Kiritimati');
    const first = (await save(m, { mood: 2, cravings: 1, helped: '  A walk  ' })).saveCheckIn;
    expect(first).toMatchObject({ day: today('Pacific/Kiritimati'), mood: 2, helped: 'A walk' });
    const second = (await save(m, { mood: 4, cravings: 0, sleep: 5 })).saveCheckIn;
    expect(second).toMatchObject({ id: first.id, day: first.day, mood: 4, helped: null });

    await t.ok(ZONE, { z: 'Pacific/Pago_Pago' }, m.token);
    const elsewhere = (await save(m, { mood: 3, cravings: 2 })).saveCheckIn;
    expect(elsewhere.day).toBe(today('Pacific/Pago_Pago'));
    expect(elsewhere.day).not.toBe(first.day);
    const [{ n }]: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM check_ins WHERE user_id = $1`, [m.id]);
    expect(n).toBe(2);
  });

  it('accepts today and the 7 days before it; refuses a future day or an older one, naming the day', async () => {
    const m = await member('America/Chicago');
    const now = today('America/Chicago');
    for (const back of [1, 7]) {
      expect((await save(m, { day: addDays(now, -back), mood: 3, cravings: 1 })).saveCheckIn.day).toBe(addDays(now, -back));
    }
    for (const day of [addDays(now, 1), addDays(now, -8), '2026-02-30', 'yesterday']) {
      const res = await t.gql(SAVE, { input: { day, mood: 3, cravings: 1 } }, m.token);
      expect(errorOf(res), day).toMatchObject({ code: 'BAD_USER_INPUT', field: 'day' });
    }
    const mine = (await t.ok<{ myCheckIns: { day: string }[] }>(MINE, { days: 8 }, m.token)).myCheckIns;
    expect(mine.map((c) => c.day)).toEqual([addDays(now, -1), addDays(now, -7)]);
    expect((await t.ok<{ myCheckIns: unknown[] }>(MINE, {}, m.token)).myCheckIns).toHaveLength(1);
    expect((await t.ok<{ myCheckIn: { day: string } }>(ONE, { day: addDays(now, -7) }, m.token)).myCheckIn.day).toBe(addDays(now, -7));
    expect((await t.ok<{ myCheckIn: null }>(ONE, { day: now }, m.token)).myCheckIn).toBeNull();
  });

  it('validates every field and names it', async () => {
    const m = await member();
    const long = 'x'.repeat(281);
    const cases: [Record<string, unknown>, string][] = [
      [{ mood: 0, cravings: 1 }, 'mood'],
      [{ mood: 6, cravings: 1 }, 'mood'],
      [{ mood: 3, cravings: -1 }, 'cravings'],
      [{ mood: 3, cravings: 5 }, 'cravings'],
      [{ mood: 3, cravings: 1, sleep: 0 }, 'sleep'],
      [{ mood: 3, cravings: 1, sleep: 6 }, 'sleep'],
      [{ mood: 3, cravings: 1, helped: long }, 'helped'],
      [{ mood: 3, cravings: 1, hard: long }, 'hard'],
    ];
    for (const [input, field] of cases) {
      expect(errorOf(await t.gql(SAVE, { input }, m.token)), field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await save(m, { mood: 5, cravings: 0, sleep: 1, helped: 'y'.repeat(280), hard: '' })).saveCheckIn.helped).toHaveLength(280);
    expect(errorOf(await t.gql(TREND, { d: 45 }, m.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
    expect(errorOf(await t.gql(MINE, { days: 0 }, m.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
    expect(errorOf(await t.gql(SET, { e: true, r: true, t: '25:00' }, m.token))).toMatchObject({ field: 'reminderTime' });
    expect(errorOf(await t.gql(SET, { e: true, r: true, t: null }, m.token))).toMatchObject({ field: 'reminderTime' });
  });

  it('keeps one BARC-10 a month with its total, and refuses anything but ten answers from 1 to 6', async () => {
    const m = await member('Europe/Berlin');
    for (const a of [[1, 2, 3], [1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6, 7, 2, 3, 4], [0, 2, 3, 4, 5, 6, 1, 2, 3, 4]]) {
      expect(errorOf(await t.gql(BARC, { a }, m.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answers' });
    }
    const first = (await t.ok<{ saveRecoveryCapital: { id: string; month: string; total: number } }>(BARC, { a: [6, 6, 6, 6, 6, 6, 6, 6, 6, 6] }, m.token))
      .saveRecoveryCapital;
    expect(first).toMatchObject({ month: today('Europe/Berlin').slice(0, 7), total: 60 });
    const again = (await t.ok<{ saveRecoveryCapital: { id: string; answers: number[]; total: number } }>(BARC, { a: [1, 2, 3, 4, 5, 6, 1, 2, 3, 4] }, m.token))
      .saveRecoveryCapital;
    expect(again).toMatchObject({ id: first.id, answers: [1, 2, 3, 4, 5, 6, 1, 2, 3, 4], total: 31 });
    expect((await t.ok<{ myRecoveryCapital: unknown[] }>(MY_BARC, {}, m.token)).myRecoveryCapital).toEqual([
      { id: first.id, month: first.month, total: 31 },
    ]);
  });

  it('gives a trend of one entry per local day, oldest first, with nulls where there was no check-in', async () => {
    const m = await member('Asia/Tokyo');
    const now = today('Asia/Tokyo');
    await save(m, { mood: 4, cravings: 1, sleep: 3 });
    await save(m, { day: addDays(now, -2), mood: 2, cravings: 3 });
    await t.ok(BARC, { a: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3] }, m.token);
    for (const range of [30, 90]) {
      const { checkInTrend } = await t.ok<{ checkInTrend: { days: { day: string }[]; recoveryCapital: { total: number }[] } }>(TREND, { d: range }, m.token);
      expect(checkInTrend.days).toHaveLength(range);
      expect(checkInTrend.days[0].day).toBe(addDays(now, -(range - 1)));
      expect(checkInTrend.days.slice(-3)).toEqual([
        { day: addDays(now, -2), mood: 2, cravings: 3, sleep: null },
        { day: addDays(now, -1), mood: null, cravings: null, sleep: null },
        { day: now, mood: 4, cravings: 1, sleep: 3 },
      ]);
      expect(checkInTrend.recoveryCapital).toEqual([{ month: now.slice(0, 7), total: 30 }]);
    }
  });

  it('after three hard days in a row shows the plan and offers, once per stretch, to tell my people', async () => {
    const m = await member('America/New_York');
    const now = today('America/New_York');
    const pattern = async () => (await t.ok<{ checkInPattern: Record<string, unknown> }>(PATTERN, {}, m.token)).checkInPattern;
    expect(await t.ok(DISMISS, {}, m.token)).toEqual({ dismissReachOutOffer: false });
    await save(m, { day: addDays(now, -2), mood: 1, cravings: 0 });
    await save(m, { day: addDays(now, -1), mood: 3, cravings: 4 });
    // Before today's check-in, a stretch ending yesterday counts.
    expect(await pattern()).toEqual({ hardDays: 2, showPlan: false, offerReachOut: false });
    await save(m, { mood: 1, cravings: 4 });
    expect(await pattern()).toEqual({ hardDays: 3, showPlan: true, offerReachOut: true });
    expect(await t.ok(DISMISS, {}, m.token)).toEqual({ dismissReachOutOffer: true });
    expect(await pattern()).toEqual({ hardDays: 3, showPlan: true, offerReachOut: false });
    // A lighter day ends the stretch; a hard one again today is the same stretch, offered already.
    await save(m, { mood: 4, cravings: 1 });
    expect(await pattern()).toEqual({ hardDays: 0, showPlan: false, offerReachOut: false });
    await save(m, { mood: 1, cravings: 2 });
    expect(await pattern()).toEqual({ hardDays: 3, showPlan: true, offerReachOut: false });
    // An offer made in an earlier stretch does not count for this one.
    await t.dataSource.query(`UPDATE check_in_settings SET reach_out_offered_on = $2 WHERE user_id = $1`, [m.id, addDays(now, -5)]);
    expect(await pattern()).toEqual({ hardDays: 3, showPlan: true, offerReachOut: true });
    // Nobody was told anything.
    const [{ n }]: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id <> $1`, [admin.id]);
    expect(n).toBe(0);
  });

  it('shares a confirmed copy as a thread in Daily check-in, screened as a post, and leaves the check-in private', async () => {
    const m = await member();
    const now = today('UTC');
    const saved = (await save(m, { mood: 4, cravings: 1, helped: 'Called my sister' })).saveCheckIn;
    expect(errorOf(await t.gql(SHARE, { day: addDays(now, -1), body: 'Hello' }, m.token)).code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(SHARE, { day: now, body: '   ' }, m.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    expect(errorOf(await t.gql(SHARE, { day: 'today', body: 'Hi' }, m.token))).toMatchObject({ field: 'day' });
    const { shareCheckIn: threadId } = await t.ok<{ shareCheckIn: string }>(SHARE, { day: now, body: 'Feeling steady. A walk helped.' }, m.token);
    const [thread]: { slug: string; title: string; body: string; author_id: string }[] = await t.dataSource.query(
      `SELECT c.slug, t.title, p.body, p.author_id FROM threads t JOIN categories c ON c.id = t.category_id
         JOIN posts p ON p.thread_id = t.id AND p.position = 1 WHERE t.id = $1`,
      [threadId],
    );
    expect(thread).toMatchObject({ slug: 'daily-check-in', body: 'Feeling steady. A walk helped.', author_id: m.id });
    expect(thread.title).toMatch(/^Check-in for /);
    const reader = await member();
    const seen = await t.ok<{ thread: { id: string } }>(`query($id: ID!) { thread(id: $id) { id } }`, { id: threadId }, reader.token);
    expect(seen.thread.id).toBe(threadId);
    // The check-in itself is unchanged, and a second share uses the same category.
    expect((await t.ok<{ myCheckIn: unknown }>(ONE, { day: now }, m.token)).myCheckIn).toEqual({ id: saved.id, day: now, mood: 4, helped: 'Called my sister' });
    await t.ok(SHARE, { day: now, body: 'Another copy.' }, m.token);
    const [{ n }]: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM categories WHERE slug LIKE 'daily-check-in%'`);
    expect(n).toBe(1);
    // Screened like any post: a crisis in the copy opens a crisis case.
    await t.ok(SHARE, { day: now, body: 'I want to end my life tonight.' }, m.token);
    const [{ cases }]: { cases: number }[] = await t.dataSource.query(`SELECT count(*)::int AS cases FROM flag_cases WHERE priority = 'CRISIS'`);
    expect(cases).toBe(1);
  });

  it('with check-ins off, saving is refused and the settings say so; reminders need a time', async () => {
    const m = await member();
    expect((await t.ok<{ checkInSettings: unknown }>(SETTINGS, {}, m.token)).checkInSettings).toEqual({ enabled: true, reminder: false, reminderTime: null });
    expect((await t.ok(SET, { e: false, r: false, t: null }, m.token)).setCheckInSettings).toEqual({ enabled: false, reminder: false, reminderTime: null });
    expect(errorOf(await t.gql(SAVE, { input: { mood: 3, cravings: 1 } }, m.token)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(BARC, { a: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3] }, m.token)).code).toBe('FORBIDDEN');
    expect((await t.ok(SET, { e: true, r: true, t: '07:45' }, m.token)).setCheckInSettings).toEqual({ enabled: true, reminder: true, reminderTime: '07:45' });
    expect((await save(m, { mood: 3, cravings: 1 })).saveCheckIn.mood).toBe(3);
  });

  it('deletes all check-in history at once', async () => {
    const m = await member();
    const keep = await member();
    const now = today('UTC');
    await save(m, { mood: 3, cravings: 1 });
    await save(m, { day: addDays(now, -3), mood: 1, cravings: 4 });
    await t.ok(BARC, { a: [4, 4, 4, 4, 4, 4, 4, 4, 4, 4] }, m.token);
    await save(keep, { mood: 5, cravings: 0 });
    expect(await t.ok(DELETE, {}, m.token)).toEqual({ deleteCheckInHistory: 3 });
    const [{ n }]: { n: number }[] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM check_ins WHERE user_id = $1) + (SELECT count(*) FROM recovery_capital_checks WHERE user_id = $1) AS n`,
      [m.id],
    );
    expect(Number(n)).toBe(0);
    expect((await t.ok<{ myCheckIns: unknown[] }>(MINE, {}, keep.token)).myCheckIns).toHaveLength(1);
    expect(await t.ok(DELETE, {}, m.token)).toEqual({ deleteCheckInHistory: 0 });
  });

  it('sends one gentle reminder at the chosen local time, and none to a member who already checked in', async () => {
    const zone = 'America/Chicago';
    const day = today(zone);
    const waiting = await member(zone);
    const checkedIn = await member(zone);
    const noReminder = await member(zone);
    for (const m of [waiting, checkedIn]) await t.ok(SET, { e: true, r: true, t: '08:30' }, m.token);
    await t.ok(SET, { e: true, r: false, t: '08:30' }, noReminder.token);
    await save(checkedIn, { mood: 4, cravings: 0 });
    const at = (time: string) => DateTime.fromISO(`${day}T${time}`, { zone }).toJSDate();
    const reminders = async (m: Member) =>
      t.dataSource.query<Record<string, unknown>[]>(`SELECT type, title, body, url, urgent, source_key FROM notifications WHERE user_id = $1`, [m.id]);

    expect(await service.sendReminders(at('08:29'))).toBe(0);
    expect(await service.sendReminders(at('08:31'))).toBe(1);
    expect(await service.sendReminders(at('08:45'))).toBe(0);
    expect(await service.sendReminders(at('11:00'))).toBe(0);
    expect(await reminders(waiting)).toEqual([
      { type: 'CHECK_IN_REMINDER', ...REMINDER_TEXT, urgent: false, source_key: `check-in-reminder:${day}` },
    ]);
    expect(REMINDER_TEXT.title).not.toMatch(/miss|streak/i);
    expect(await reminders(checkedIn)).toEqual([]);
    expect(await reminders(noReminder)).toEqual([]);
    // The next day is a new day (for the member who checked in today too); check-ins turned off, none goes.
    await t.ok(SET, { e: false, r: true, t: '08:30' }, waiting.token);
    const tomorrow = DateTime.fromISO(`${addDays(day, 1)}T08:31`, { zone }).toJSDate();
    expect(await service.sendReminders(tomorrow)).toBe(1);
    expect(await reminders(waiting)).toHaveLength(1);
    expect((await reminders(checkedIn)).map((r) => r.source_key)).toEqual([`check-in-reminder:${addDays(day, 1)}`]);
  });

  it('an ADMIN and a MODERATOR get nothing of another member’s check-ins through any operation', async () => {
    const m = await member();
    const now = today('UTC');
    for (const back of [2, 1]) await save(m, { day: addDays(now, -back), mood: 1, cravings: 4, helped: 'private words' });
    await save(m, { mood: 1, cravings: 4, hard: 'private too' });
    await t.ok(BARC, { a: [5, 5, 5, 5, 5, 5, 5, 5, 5, 5] }, m.token);
    await t.ok(SET, { e: true, r: true, t: '09:00' }, m.token);
    const before = await t.dataSource.query(`SELECT * FROM check_ins WHERE user_id = $1 ORDER BY day`, [m.id]);

    for (const staff of [admin, moderator]) {
      expect((await t.ok<{ myCheckIns: unknown[] }>(MINE, { days: 30 }, staff.token)).myCheckIns).toEqual([]);
      expect((await t.ok<{ myCheckIn: unknown }>(ONE, { day: now }, staff.token)).myCheckIn).toBeNull();
      expect((await t.ok<{ checkInPattern: unknown }>(PATTERN, {}, staff.token)).checkInPattern).toEqual({ hardDays: 0, showPlan: false, offerReachOut: false });
      expect(await t.ok(DISMISS, {}, staff.token)).toEqual({ dismissReachOutOffer: false });
      expect((await t.ok<{ myRecoveryCapital: unknown[] }>(MY_BARC, {}, staff.token)).myRecoveryCapital).toEqual([]);
      const trend = (await t.ok<{ checkInTrend: { days: { mood: number | null }[]; recoveryCapital: unknown[] } }>(TREND, { d: 30 }, staff.token)).checkInTrend;
      expect(trend.days.every((d) => d.mood === null)).toBe(true);
      expect(trend.recoveryCapital).toEqual([]);
      expect((await t.ok<{ checkInSettings: unknown }>(SETTINGS, {}, staff.token)).checkInSettings).toEqual({ enabled: true, reminder: false, reminderTime: null });
      expect(errorOf(await t.gql(SHARE, { day: now, body: 'Not mine to share' }, staff.token)).code).toBe('NOT_FOUND');
      expect(await t.ok(DELETE, {}, staff.token)).toEqual({ deleteCheckInHistory: 0 });
      // Writing as staff writes the staff member's own rows, never the member's.
      await t.ok(SET, { e: false, r: false, t: null }, staff.token);
      await t.ok(DISMISS, {}, staff.token);
      // No operation takes another member's id: asking with one is refused by the schema itself.
      const named = await t.gql(`query($u: ID!) { myCheckIns(userId: $u) { id } }`, { u: m.id }, staff.token);
      expect(named.errors?.[0]?.message).toMatch(/Unknown argument "userId"/);
    }
    expect(await t.dataSource.query(`SELECT * FROM check_ins WHERE user_id = $1 ORDER BY day`, [m.id])).toEqual(before);
    expect((await t.ok<{ checkInSettings: unknown }>(SETTINGS, {}, m.token)).checkInSettings).toEqual({ enabled: true, reminder: true, reminderTime: '09:00' });
    expect((await t.ok<{ checkInPattern: unknown }>(PATTERN, {}, m.token)).checkInPattern).toEqual({ hardDays: 3, showPlan: true, offerReachOut: true });
    expect((await t.ok<{ myRecoveryCapital: unknown[] }>(MY_BARC, {}, m.token)).myRecoveryCapital).toHaveLength(1);
  });

  it('refuses every operation signed out', async () => {
    const ops: [string, Record<string, unknown>][] = [
      [SAVE, { input: { mood: 3, cravings: 1 } }],
      [MINE, {}],
      [ONE, { day: '2026-01-01' }],
      [PATTERN, {}],
      [DISMISS, {}],
      [BARC, { a: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3] }],
      [MY_BARC, {}],
      [TREND, { d: 30 }],
      [SETTINGS, {}],
      [SET, { e: true, r: false, t: null }],
      [DELETE, {}],
      [SHARE, { day: '2026-01-01', body: 'x' }],
    ];
    for (const [query, variables] of ops) expect(errorOf(await t.gql(query, variables)).code, query).toBe('UNAUTHENTICATED');
  });
});
