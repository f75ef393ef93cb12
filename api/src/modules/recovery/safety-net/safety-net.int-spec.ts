import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProfessionals, SAFETY_PLAN_STEP_KEYS } from '@kinship/shared';
import { eventually, errorOf, TestHarness } from '../../../../test/harness';
import { TestSmtp } from '../../../../test/smtp';
import { createMember, Member } from '../../../../test/factories';
import { startCommunity } from '../../../../test/community';
import { EmailDeliveryService } from '../../notifications/email/email-delivery.service';

const PLAN_FIELDS = `warningSigns copingStrategies distractions helpers professionals safeEnvironment reasons updatedAt`;
const MY_PLAN = `{ mySafetyPlan { ${PLAN_FIELDS} } }`;
const SAVE_PLAN = `mutation($input: SafetyPlanInput!) { saveSafetyPlan(input: $input) { ${PLAN_FIELDS} } }`;
const LINK = `id status createdAt member { id displayName } supporter { id displayName } openReachOut { id createdAt }`;
const ASK = `mutation($name: String!) { askSupportPerson(displayName: $name) { ${LINK} } }`;
const RESPOND = `mutation($id: ID!, $accept: Boolean!) { respondToSupportRequest(id: $id, accept: $accept) { ${LINK} } }`;
const END = `mutation($id: ID!) { endSupport(id: $id) }`;
const MY_PEOPLE = `{ mySupportPeople { ${LINK} } }`;
const I_SUPPORT = `{ peopleISupport { ${LINK} } }`;
const REACH_OUT = `mutation { reachOut { id createdAt answeredAt answeredBy { id } } }`;
const MY_REACH_OUTS = `{ myReachOuts { id createdAt answeredAt answeredBy { id displayName } } }`;
const MARK = `mutation($id: ID!) { markReachedOut(id: $id) { id answeredAt answeredBy { id displayName } } }`;
const BLOCK = `mutation($u: ID!) { blockUser(userId: $u) }`;

type Link = {
  id: string;
  status: string;
  member: { id: string; displayName: string };
  supporter: { id: string; displayName: string };
  openReachOut: { id: string } | null;
};

const emptyPlan = () => Object.fromEntries(SAFETY_PLAN_STEP_KEYS.map((k) => [k, [] as string[]]));

describe('safety net: the plan, my people and "Reach out"', () => {
  let t: TestHarness;
  let smtp: TestSmtp;
  let admin: Member;
  let moderator: Member;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    ({
      t,
      admin,
      moderators: [moderator],
    } = await startCommunity({
      worker: true,
      moderators: 1,
      env: { SMTP_URL: smtp.url, EMAIL_DELAY_SECONDS: '600' },
    }));
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  const member = () => createMember(t, admin);

  /** `m` asks `s`, who accepts: an ACTIVE link. */
  async function link(m: Member, s: Member): Promise<Link> {
    const { askSupportPerson } = await t.ok<{ askSupportPerson: Link }>(
      ASK,
      { name: s.displayName },
      m.token,
    );
    const { respondToSupportRequest } = await t.ok<{ respondToSupportRequest: Link }>(
      RESPOND,
      { id: askSupportPerson.id, accept: true },
      s.token,
    );
    return respondToSupportRequest;
  }

  describe('the plan', () => {
    it('is empty but for the crisis lines until first saved, then round-trips every step', async () => {
      const m = await member();
      const { mySafetyPlan } = await t.ok<{ mySafetyPlan: Record<string, unknown> }>(MY_PLAN, {}, m.token);
      expect(mySafetyPlan).toEqual({
        ...emptyPlan(),
        professionals: defaultProfessionals(),
        updatedAt: null,
      });
      expect(defaultProfessionals()).toContain('988 Suicide and Crisis Lifeline: call or text 988');

      const input = {
        warningSigns: ['Skipping meals', '  Staying in bed past noon  ', ''],
        copingStrategies: ['A walk round the block'],
        distractions: ['The library on Elm St'],
        helpers: ['Sam 555-0100'],
        professionals: ['Dr. Lee, counselor 555-0111', ...defaultProfessionals()],
        safeEnvironment: ['No alcohol in the house'],
        reasons: ['My daughter'],
      };
      const { saveSafetyPlan } = await t.ok<{ saveSafetyPlan: Record<string, unknown> }>(
        SAVE_PLAN,
        { input },
        m.token,
      );
      const expected = { ...input, warningSigns: ['Skipping meals', 'Staying in bed past noon'] };
      expect(saveSafetyPlan).toMatchObject(expected);
      expect(saveSafetyPlan.updatedAt).toEqual(expect.any(String));
      expect((await t.ok<{ mySafetyPlan: unknown }>(MY_PLAN, {}, m.token)).mySafetyPlan).toEqual(
        saveSafetyPlan,
      );

      // Emptied by the member, professionals stays empty: the crisis lines are only the starting point.
      const { saveSafetyPlan: cleared } = await t.ok<{ saveSafetyPlan: Record<string, unknown> }>(
        SAVE_PLAN,
        { input: emptyPlan() },
        m.token,
      );
      expect(cleared).toMatchObject(emptyPlan());
    });

    it('refuses too many or too long items with an error naming the step, for every step', async () => {
      const m = await member();
      for (const step of SAFETY_PLAN_STEP_KEYS) {
        const tooMany = await t.gql(
          SAVE_PLAN,
          { input: { ...emptyPlan(), [step]: Array.from({ length: 13 }, (_, i) => `item ${i}`) } },
          m.token,
        );
        expect(errorOf(tooMany), step).toMatchObject({ code: 'BAD_USER_INPUT', field: step });
        expect(errorOf(tooMany).message).toMatch(/at most 12 items/);
        const tooLong = await t.gql(
          SAVE_PLAN,
          { input: { ...emptyPlan(), [step]: ['x'.repeat(201)] } },
          m.token,
        );
        expect(errorOf(tooLong), step).toMatchObject({ code: 'BAD_USER_INPUT', field: step });
        expect(errorOf(tooLong).message).toMatch(/at most 200 characters/);
      }
      // Twelve items of 200 characters are fine.
      const full = Array.from({ length: 12 }, (_, i) => `${i}`.padEnd(200, 'y'));
      await t.ok(SAVE_PLAN, { input: { ...emptyPlan(), reasons: full } }, m.token);
      // Nothing was saved by the refused attempts' neighbours.
      const { mySafetyPlan } = await t.ok<{ mySafetyPlan: { warningSigns: string[] } }>(MY_PLAN, {}, m.token);
      expect(mySafetyPlan.warningSigns).toEqual([]);
    });

    it('signed out, nothing', async () => {
      expect(errorOf(await t.gql(MY_PLAN)).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(SAVE_PLAN, { input: emptyPlan() })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(REACH_OUT)).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('my people', () => {
    it('ask, accept and end from the member’s side; the supporter sees the request and then the link', async () => {
      const m = await member();
      const s = await member();
      const { askSupportPerson } = await t.ok<{ askSupportPerson: Link }>(
        ASK,
        { name: s.displayName.toUpperCase() },
        m.token,
      );
      expect(askSupportPerson).toMatchObject({
        status: 'PENDING',
        member: { id: m.id },
        supporter: { id: s.id },
      });
      expect((await t.ok<{ peopleISupport: Link[] }>(I_SUPPORT, {}, s.token)).peopleISupport).toMatchObject([
        { id: askSupportPerson.id, status: 'PENDING', member: { displayName: m.displayName } },
      ]);
      // The person asked is told, once, in words that say nothing of why; the member is told nothing.
      const told: { user_id: string; type: string; title: string; body: string; url: string }[] = await t.dataSource.query(
        `SELECT user_id, type, title, body, url FROM notifications WHERE source_key = $1`,
        [`support-request:${askSupportPerson.id}`],
      );
      expect(told).toEqual([
        {
          user_id: s.id,
          type: 'SUPPORT_REQUEST',
          title: `${m.displayName} asked you to be one of their support people.`,
          body: 'You can say yes or no on People I support.',
          url: '/milestones/supporting',
        },
      ]);
      expect(await t.ok(`{ unreadNotificationCount }`, {}, s.token)).toEqual({ unreadNotificationCount: 1 });
      // The member cannot accept their own request.
      expect(errorOf(await t.gql(RESPOND, { id: askSupportPerson.id, accept: true }, m.token)).code).toBe(
        'NOT_FOUND',
      );
      const { respondToSupportRequest } = await t.ok<{ respondToSupportRequest: Link }>(
        RESPOND,
        { id: askSupportPerson.id, accept: true },
        s.token,
      );
      expect(respondToSupportRequest.status).toBe('ACTIVE');
      // Answered, the request's notification is read.
      expect(await t.ok(`{ unreadNotificationCount }`, {}, s.token)).toEqual({ unreadNotificationCount: 0 });
      expect((await t.ok<{ mySupportPeople: Link[] }>(MY_PEOPLE, {}, m.token)).mySupportPeople).toMatchObject(
        [{ id: askSupportPerson.id, status: 'ACTIVE' }],
      );
      expect(await t.ok(END, { id: askSupportPerson.id }, m.token)).toEqual({ endSupport: true });
      expect((await t.ok<{ peopleISupport: Link[] }>(I_SUPPORT, {}, s.token)).peopleISupport).toEqual([]);
      expect((await t.ok<{ mySupportPeople: Link[] }>(MY_PEOPLE, {}, m.token)).mySupportPeople).toEqual([]);
      // Nobody is told of the accepting or the ending: the request is all either was ever told.
      const [{ n }]: { n: number }[] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM notifications WHERE user_id = ANY($1) AND type <> 'SUPPORT_REQUEST'`,
        [[m.id, s.id]],
      );
      expect(n).toBe(0);
    });

    it('decline deletes the request; the supporter can end an active link too', async () => {
      const m = await member();
      const s = await member();
      const { askSupportPerson } = await t.ok<{ askSupportPerson: Link }>(
        ASK,
        { name: s.displayName },
        m.token,
      );
      expect(await t.ok(RESPOND, { id: askSupportPerson.id, accept: false }, s.token)).toEqual({
        respondToSupportRequest: null,
      });
      expect((await t.ok<{ mySupportPeople: Link[] }>(MY_PEOPLE, {}, m.token)).mySupportPeople).toEqual([]);
      // Asked again after a decline: a fresh request.
      const active = await link(m, s);
      expect(await t.ok(END, { id: active.id }, s.token)).toEqual({ endSupport: true });
      expect((await t.ok<{ mySupportPeople: Link[] }>(MY_PEOPLE, {}, m.token)).mySupportPeople).toEqual([]);
      expect(errorOf(await t.gql(END, { id: active.id }, s.token)).code).toBe('NOT_FOUND');
    });

    it('at most 5, counting requests not yet answered; never yourself; never twice', async () => {
      const m = await member();
      const people = [
        await member(),
        await member(),
        await member(),
        await member(),
        await member(),
        await member(),
      ];
      await link(m, people[0]);
      for (const p of people.slice(1, 5)) await t.ok(ASK, { name: p.displayName }, m.token);
      const sixth = await t.gql(ASK, { name: people[5].displayName }, m.token);
      expect(errorOf(sixth)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'displayName' });
      expect(errorOf(sixth).message).toMatch(/up to 5 people/);
      expect(errorOf(await t.gql(ASK, { name: m.displayName }, m.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'displayName',
      });
      expect(errorOf(await t.gql(ASK, { name: people[1].displayName }, m.token))).toMatchObject({
        code: 'CONFLICT',
        field: 'displayName',
      });
      expect(errorOf(await t.gql(ASK, { name: '   ' }, m.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'displayName',
      });
      // Ending one frees a place.
      const { mySupportPeople } = await t.ok<{ mySupportPeople: Link[] }>(MY_PEOPLE, {}, m.token);
      expect(mySupportPeople).toHaveLength(5);
      await t.ok(END, { id: mySupportPeople[4].id }, m.token);
      await t.ok(ASK, { name: people[5].displayName }, m.token);
    });

    it('a block either way refuses, with the same words as a name nobody has', async () => {
      const m = await member();
      const blockedByM = await member();
      const blockerOfM = await member();
      await t.ok(BLOCK, { u: blockedByM.id }, m.token);
      await t.ok(BLOCK, { u: m.id }, blockerOfM.token);
      const nobody = errorOf(await t.gql(ASK, { name: 'Nobody By This Name' }, m.token));
      expect(nobody).toMatchObject({ code: 'BAD_USER_INPUT', field: 'displayName' });
      for (const other of [blockedByM, blockerOfM]) {
        expect(errorOf(await t.gql(ASK, { name: other.displayName }, m.token))).toEqual(nobody);
        expect(errorOf(await t.gql(ASK, { name: m.displayName }, other.token))).toEqual(nobody);
      }
      // A block after asking ends the request, and a block after accepting ends the link, either way.
      const later = await member();
      const { askSupportPerson } = await t.ok<{ askSupportPerson: Link }>(
        ASK,
        { name: later.displayName },
        m.token,
      );
      await t.ok(BLOCK, { u: m.id }, later.token);
      expect(errorOf(await t.gql(RESPOND, { id: askSupportPerson.id, accept: true }, later.token)).code).toBe(
        'NOT_FOUND',
      );
      for (const blockerSide of ['member', 'supporter'] as const) {
        const a = await member();
        const b = await member();
        await link(a, b);
        if (blockerSide === 'member') await t.ok(BLOCK, { u: b.id }, a.token);
        else await t.ok(BLOCK, { u: a.id }, b.token);
        expect(
          (await t.ok<{ mySupportPeople: Link[] }>(MY_PEOPLE, {}, a.token)).mySupportPeople,
          blockerSide,
        ).toEqual([]);
        expect(
          (await t.ok<{ peopleISupport: Link[] }>(I_SUPPORT, {}, b.token)).peopleISupport,
          blockerSide,
        ).toEqual([]);
        expect(errorOf(await t.gql(REACH_OUT, {}, a.token)).code).toBe('CONFLICT');
      }
    });

    it('someone outside the link cannot respond to it or end it', async () => {
      const m = await member();
      const s = await member();
      const outsider = await member();
      const { askSupportPerson } = await t.ok<{ askSupportPerson: Link }>(
        ASK,
        { name: s.displayName },
        m.token,
      );
      for (const who of [outsider, admin, moderator]) {
        expect(errorOf(await t.gql(RESPOND, { id: askSupportPerson.id, accept: true }, who.token)).code).toBe(
          'NOT_FOUND',
        );
        expect(
          errorOf(await t.gql(RESPOND, { id: askSupportPerson.id, accept: false }, who.token)).code,
        ).toBe('NOT_FOUND');
        expect(errorOf(await t.gql(END, { id: askSupportPerson.id }, who.token)).code).toBe('NOT_FOUND');
      }
      expect(errorOf(await t.gql(END, { id: 'not-an-id' }, m.token)).code).toBe('NOT_FOUND');
      expect((await t.ok<{ mySupportPeople: Link[] }>(MY_PEOPLE, {}, m.token)).mySupportPeople).toHaveLength(
        1,
      );
    });

    it('deleting either account removes the link', async () => {
      for (const leaver of ['member', 'supporter'] as const) {
        const m = await member();
        const s = await member();
        await link(m, s);
        const gone = leaver === 'member' ? m : s;
        await t.ok(
          `mutation($p: String!) { deleteMyAccount(password: $p, keepPosts: false) }`,
          { p: gone.password },
          gone.token,
        );
        const [{ n }]: { n: number }[] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM support_links WHERE member_id = $1 OR supporter_id = $1`,
          [gone.id],
        );
        expect(n, leaver).toBe(0);
        const stays = leaver === 'member' ? s : m;
        expect((await t.ok<{ peopleISupport: Link[] }>(I_SUPPORT, {}, stays.token)).peopleISupport).toEqual(
          [],
        );
        expect((await t.ok<{ mySupportPeople: Link[] }>(MY_PEOPLE, {}, stays.token)).mySupportPeople).toEqual(
          [],
        );
      }
    });
  });

  describe('reach out', () => {
    it('asks you to choose your people first when none has accepted', async () => {
      const m = await member();
      const pending = await member();
      await t.ok(ASK, { name: pending.displayName }, m.token);
      const refused = errorOf(await t.gql(REACH_OUT, {}, m.token));
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toMatch(/Choose your people first/);
      expect((await t.ok<{ myReachOuts: unknown[] }>(MY_REACH_OUTS, {}, m.token)).myReachOuts).toEqual([]);
    });

    it('tells only ACTIVE support people, urgently and in neutral words, emailed at once; the log is the member’s', async () => {
      const m = await member();
      const [a, b, pending, ended, bystander] = [
        await member(),
        await member(),
        await member(),
        await member(),
        await member(),
      ];
      await link(m, a);
      await link(m, b);
      await t.ok(ASK, { name: pending.displayName }, m.token);
      const endedLink = await link(m, ended);
      await t.ok(END, { id: endedLink.id }, ended.token);
      // Their plan holds words that must never travel.
      const secret = 'ZX-PLAN-SECRET cravings after payday';
      await t.ok(
        SAVE_PLAN,
        { input: { ...emptyPlan(), warningSigns: [secret], reasons: ['ZX-REASON'] } },
        m.token,
      );
      // Quiet hours all day and email off for the type: urgent ignores both.
      for (const who of [a, b]) {
        await t.ok(
          `mutation { setQuietHours(enabled: true, start: 0, end: 1439) { enabled } }`,
          {},
          who.token,
        );
        await t.ok(
          `mutation { setNotificationPreference(type: REACH_OUT, inApp: false, email: OFF) { type } }`,
          {},
          who.token,
        );
      }

      const { reachOut } = await t.ok<{ reachOut: { id: string; answeredAt: null } }>(REACH_OUT, {}, m.token);
      expect(reachOut.answeredAt).toBeNull();
      const rows: {
        user_id: string;
        type: string;
        title: string;
        body: string;
        url: string;
        urgent: boolean;
        in_app: boolean;
      }[] = await t.dataSource.query(
        `SELECT user_id, type, title, body, url, urgent, in_app FROM notifications WHERE source_key = $1`,
        [`reach-out:${reachOut.id}`],
      );
      expect(rows.map((r) => r.user_id).sort()).toEqual([a.id, b.id].sort());
      for (const row of rows) {
        expect(row).toMatchObject({
          type: 'REACH_OUT',
          title: `${m.displayName} would like to talk.`,
          body: 'Reach out when you can.',
          url: '/milestones/supporting',
          urgent: true,
          in_app: true,
        });
      }
      for (const who of [pending, ended, bystander, m]) {
        const [{ n }]: { n: number }[] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND type = 'REACH_OUT'`,
          [who.id],
        );
        expect(n).toBe(0);
      }
      // Emailed at once (no 10-minute wait, no quiet hours), with nothing of the plan.
      const delivery = t.worker!.get(EmailDeliveryService);
      await delivery.classify();
      await delivery.sendDue();
      const mails = await eventually(() => {
        const got = [...smtp.to(a.email), ...smtp.to(b.email)];
        return Promise.resolve(got.length >= 2 ? got : undefined);
      });
      for (const mail of mails) {
        const all = `${mail.subject ?? ''}\n${mail.text ?? ''}\n${String(mail.html)}`;
        expect(mail.subject).toBe('Someone in Kinship would like to talk');
        for (const word of ['ZX-PLAN-SECRET', 'ZX-REASON', 'cravings', m.displayName])
          expect(all).not.toContain(word);
      }
      for (const row of rows) expect(`${row.title} ${row.body}`).not.toMatch(/ZX-|craving/);

      // The supporters see it open on their page; the member sees it in their log; nobody else sees anything.
      const supported = (await t.ok<{ peopleISupport: Link[] }>(I_SUPPORT, {}, a.token)).peopleISupport;
      expect(supported).toMatchObject([{ member: { id: m.id }, openReachOut: { id: reachOut.id } }]);
      expect(
        (await t.ok<{ peopleISupport: Link[] }>(I_SUPPORT, {}, pending.token)).peopleISupport[0].openReachOut,
      ).toBeNull();
      expect(
        (await t.ok<{ myReachOuts: { id: string }[] }>(MY_REACH_OUTS, {}, m.token)).myReachOuts,
      ).toMatchObject([{ id: reachOut.id }]);
      for (const who of [a, bystander]) {
        expect((await t.ok<{ myReachOuts: unknown[] }>(MY_REACH_OUTS, {}, who.token)).myReachOuts).toEqual(
          [],
        );
      }

      // Only an active supporter marks it; the member then sees it answered, and it is no longer open.
      for (const who of [m, pending, ended, bystander, admin, moderator]) {
        expect(errorOf(await t.gql(MARK, { id: reachOut.id }, who.token)).code, who.displayName).toBe(
          'NOT_FOUND',
        );
      }
      const { markReachedOut } = await t.ok<{
        markReachedOut: { answeredAt: string; answeredBy: { id: string } };
      }>(MARK, { id: reachOut.id }, b.token);
      expect(markReachedOut).toMatchObject({ answeredAt: expect.any(String), answeredBy: { id: b.id } });
      // A second mark (by the other supporter) keeps the first answer, without naming its author to them.
      const again = await t.ok<{
        markReachedOut: { answeredAt: string | null; answeredBy: { id: string } | null };
      }>(MARK, { id: reachOut.id }, a.token);
      expect(again.markReachedOut.answeredAt).toBe(markReachedOut.answeredAt);
      expect(again.markReachedOut.answeredBy).toBeNull();
      const [log] = (
        await t.ok<{ myReachOuts: { answeredAt: string; answeredBy: { displayName: string } }[] }>(
          MY_REACH_OUTS,
          {},
          m.token,
        )
      ).myReachOuts;
      expect(log).toMatchObject({
        answeredAt: expect.any(String),
        answeredBy: { displayName: b.displayName },
      });
      expect(
        (await t.ok<{ peopleISupport: Link[] }>(I_SUPPORT, {}, a.token)).peopleISupport[0].openReachOut,
      ).toBeNull();
      // The supporter's own notification of it is read once they answer.
      const [{ read }]: { read: boolean }[] = await t.dataSource.query(
        `SELECT read_at IS NOT NULL AS read FROM notifications WHERE user_id = $1 AND source_key = $2`,
        [b.id, `reach-out:${reachOut.id}`],
      );
      expect(read).toBe(true);
    });

    it('once per 10 minutes, with a clear error', async () => {
      const m = await member();
      const s = await member();
      await link(m, s);
      await t.ok(REACH_OUT, {}, m.token);
      const second = errorOf(await t.gql(REACH_OUT, {}, m.token));
      expect(second.code).toBe('RATE_LIMITED');
      expect(second.message).toMatch(/reach out again in (10|9) minutes/);
      expect((await t.ok<{ myReachOuts: unknown[] }>(MY_REACH_OUTS, {}, m.token)).myReachOuts).toHaveLength(
        1,
      );
      // Another member is not held back by it.
      const other = await member();
      await link(other, s);
      await t.ok(REACH_OUT, {}, other.token);
    });

    it('a supporter across a block is not told (even were the link still there)', async () => {
      const m = await member();
      const kept = await member();
      const blocker = await member();
      await link(m, kept);
      await link(m, blocker);
      // The block's trigger would end the link; written past it, the writer's block rule still holds.
      await t.dataSource.query(`INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2)`, [
        blocker.id,
        m.id,
      ]);
      await t.dataSource.query(
        `INSERT INTO support_links (member_id, supporter_id, status, accepted_at) VALUES ($1, $2, 'ACTIVE', now() - interval '1 minute')`,
        [m.id, blocker.id],
      );
      const { reachOut } = await t.ok<{ reachOut: { id: string } }>(REACH_OUT, {}, m.token);
      const told: { user_id: string }[] = await t.dataSource.query(
        `SELECT user_id FROM notifications WHERE source_key = $1`,
        [`reach-out:${reachOut.id}`],
      );
      expect(told.map((r) => r.user_id)).toEqual([kept.id]);
    });
  });

  describe('review fixes: what each side may learn', () => {
    it('who answered a reach-out is shown to the member and the answerer, never to another support person', async () => {
      const m = await member();
      const [first, second] = [await member(), await member()];
      await link(m, first);
      await link(m, second);
      const { reachOut } = await t.ok<{ reachOut: { id: string } }>(REACH_OUT, {}, m.token);
      const a = await t.ok<{ markReachedOut: { answeredBy: { id: string } | null } }>(
        MARK,
        { id: reachOut.id },
        first.token,
      );
      expect(a.markReachedOut.answeredBy?.id).toBe(first.id);
      // The second person marks it too: the first answer is kept, and its author is not named to them.
      const b = await t.ok<{
        markReachedOut: { answeredAt: string | null; answeredBy: { id: string } | null };
      }>(MARK, { id: reachOut.id }, second.token);
      expect(b.markReachedOut.answeredAt).not.toBeNull();
      expect(b.markReachedOut.answeredBy).toBeNull();
      const { myReachOuts } = await t.ok<{ myReachOuts: { answeredBy: { id: string } | null }[] }>(
        MY_REACH_OUTS,
        {},
        m.token,
      );
      expect(myReachOuts[0].answeredBy?.id).toBe(first.id);
    });

    it('a support person who stopped and was asked again cannot close a reach-out from before', async () => {
      const m = await member();
      const s = await member();
      const old = await link(m, s);
      const { reachOut } = await t.ok<{ reachOut: { id: string } }>(REACH_OUT, {}, m.token);
      await t.ok(END, { id: old.id }, s.token);
      await link(m, s);
      expect(errorOf(await t.gql(MARK, { id: reachOut.id }, s.token)).code).toBe('NOT_FOUND');
      const { myReachOuts } = await t.ok<{ myReachOuts: { answeredAt: string | null }[] }>(
        MY_REACH_OUTS,
        {},
        m.token,
      );
      expect(myReachOuts[0].answeredAt).toBeNull();
    });

    it('a request written across a block (a race past the trigger) is not listed, and accepting it reads as not found', async () => {
      const m = await member();
      const s = await member();
      await t.dataSource.query(`INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2)`, [m.id, s.id]);
      const [{ id }]: { id: string }[] = await t.dataSource.query(
        `INSERT INTO support_links (member_id, supporter_id, status) VALUES ($1, $2, 'PENDING') RETURNING id`,
        [m.id, s.id],
      );
      expect((await t.ok<{ mySupportPeople: unknown[] }>(MY_PEOPLE, {}, m.token)).mySupportPeople).toEqual(
        [],
      );
      expect((await t.ok<{ peopleISupport: unknown[] }>(I_SUPPORT, {}, s.token)).peopleISupport).toEqual([]);
      const refused = errorOf(await t.gql(RESPOND, { id, accept: true }, s.token));
      const missing = errorOf(
        await t.gql(RESPOND, { id: '00000000-0000-4000-8000-000000000000', accept: true }, s.token),
      );
      expect(refused.code).toBe('NOT_FOUND');
      expect(refused.message).toBe(missing.message);
      const [{ n }]: { n: number }[] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM support_links WHERE id = $1`,
        [id],
      );
      expect(n).toBe(0);
    });

    it('two reach-outs at once: one is sent and one waits, and each support person is told once', async () => {
      const m = await member();
      const [a, b] = [await member(), await member()];
      await link(m, a);
      await link(m, b);
      const answers = await Promise.all([t.gql(REACH_OUT, {}, m.token), t.gql(REACH_OUT, {}, m.token)]);
      const codes = answers.map((r) => (r.errors ? errorOf(r).code : 'SENT')).sort();
      expect(codes).toEqual(['RATE_LIMITED', 'SENT']);
      await t.settled();
      const told: { user_id: string }[] = await t.dataSource.query(
        `SELECT n.user_id FROM notifications n JOIN reach_outs r ON n.source_key = 'reach-out:' || r.id WHERE r.member_id = $1 ORDER BY n.user_id`,
        [m.id],
      );
      expect(told.map((r) => r.user_id)).toEqual([a.id, b.id].sort());
      expect((await t.ok<{ myReachOuts: unknown[] }>(MY_REACH_OUTS, {}, m.token)).myReachOuts).toHaveLength(
        1,
      );
    });
  });

  describe('review fixes: asking', () => {
    it('six asks at once to six people leave exactly five links and one clear refusal', async () => {
      const m = await member();
      const people = await Promise.all(Array.from({ length: 6 }, () => member()));
      const answers = await Promise.all(people.map((p) => t.gql(ASK, { name: p.displayName }, m.token)));
      const refused = answers.filter((r) => r.errors);
      expect(refused).toHaveLength(1);
      expect(errorOf(refused[0])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'displayName' });
      expect(errorOf(refused[0]).message).toMatch(/up to 5 people/);
      const [{ n }]: { n: number }[] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM support_links WHERE member_id = $1`,
        [m.id],
      );
      expect(n).toBe(5);
    });

    it('at most 10 asks an hour, with a clear error', async () => {
      const m = await member();
      const s = await member();
      for (let i = 0; i < 10; i++) {
        const { askSupportPerson } = await t.ok<{ askSupportPerson: Link }>(
          ASK,
          { name: s.displayName },
          m.token,
        );
        await t.ok(END, { id: askSupportPerson.id }, m.token);
      }
      const eleventh = errorOf(await t.gql(ASK, { name: s.displayName }, m.token));
      expect(eleventh.code).toBe('RATE_LIMITED');
      expect(eleventh.message).toMatch(/asked 10 people in the last hour/);
      // Another member is not held back by it.
      const other = await member();
      await t.ok(ASK, { name: s.displayName }, other.token);
    });

    it('a display name longer than any member can have is refused on displayName', async () => {
      const m = await member();
      const tooLong = errorOf(await t.gql(ASK, { name: 'x'.repeat(41) }, m.token));
      expect(tooLong).toMatchObject({ code: 'BAD_USER_INPUT', field: 'displayName' });
      expect(tooLong.message).toMatch(/at most 40 characters/);
    });
  });

  describe('staff see nothing of another member’s', () => {
    it('an ADMIN and a MODERATOR, through every operation, read only their own (empty) plan, people and reach-outs', async () => {
      const m = await member();
      const s = await member();
      const secret = 'ZX-STAFF-MUST-NOT-SEE';
      await t.ok(SAVE_PLAN, { input: { ...emptyPlan(), reasons: [secret] } }, m.token);
      const active = await link(m, s);
      const pendingFor = await member();
      const { askSupportPerson: pending } = await t.ok<{ askSupportPerson: Link }>(
        ASK,
        { name: pendingFor.displayName },
        m.token,
      );
      const { reachOut } = await t.ok<{ reachOut: { id: string } }>(REACH_OUT, {}, m.token);

      for (const staff of [admin, moderator]) {
        const role = staff === admin ? 'ADMIN' : 'MODERATOR';
        const plan = (await t.ok<{ mySafetyPlan: Record<string, unknown> }>(MY_PLAN, {}, staff.token))
          .mySafetyPlan;
        expect(JSON.stringify(plan), `${role} mySafetyPlan`).not.toContain(secret);
        expect(
          (await t.ok<{ mySupportPeople: Link[] }>(MY_PEOPLE, {}, staff.token)).mySupportPeople,
          `${role} mySupportPeople`,
        ).toEqual([]);
        expect(
          (await t.ok<{ peopleISupport: Link[] }>(I_SUPPORT, {}, staff.token)).peopleISupport,
          `${role} peopleISupport`,
        ).toEqual([]);
        expect(
          (await t.ok<{ myReachOuts: unknown[] }>(MY_REACH_OUTS, {}, staff.token)).myReachOuts,
          `${role} myReachOuts`,
        ).toEqual([]);
        for (const id of [active.id, pending.id]) {
          expect(
            errorOf(await t.gql(RESPOND, { id, accept: true }, staff.token)).code,
            `${role} respondToSupportRequest`,
          ).toBe('NOT_FOUND');
          expect(errorOf(await t.gql(END, { id }, staff.token)).code, `${role} endSupport`).toBe('NOT_FOUND');
        }
        expect(
          errorOf(await t.gql(MARK, { id: reachOut.id }, staff.token)).code,
          `${role} markReachedOut`,
        ).toBe('NOT_FOUND');
        // saveSafetyPlan and reachOut only ever touch the caller's own.
        await t.ok(SAVE_PLAN, { input: emptyPlan() }, staff.token);
        expect(errorOf(await t.gql(REACH_OUT, {}, staff.token)).code, `${role} reachOut`).toBe('CONFLICT');
        // askSupportPerson answers about the staff member's own people, never about m's.
        const asked = await t.ok<{ askSupportPerson: Link }>(ASK, { name: m.displayName }, staff.token);
        expect(asked.askSupportPerson).toMatchObject({
          member: { id: staff.id },
          supporter: { id: m.id },
          openReachOut: null,
        });
        await t.ok(END, { id: asked.askSupportPerson.id }, staff.token);
      }
      // Nothing of m's changed.
      const [{ reasons }]: { reasons: string[] }[] = await t.dataSource.query(
        `SELECT reasons FROM safety_plans WHERE user_id = $1`,
        [m.id],
      );
      expect(reasons).toEqual([secret]);
      const { mySupportPeople } = await t.ok<{ mySupportPeople: Link[] }>(MY_PEOPLE, {}, m.token);
      expect(mySupportPeople.map((l) => l.id).sort()).toEqual([active.id, pending.id].sort());
      const [log] = (await t.ok<{ myReachOuts: { answeredAt: null }[] }>(MY_REACH_OUTS, {}, m.token))
        .myReachOuts;
      expect(log.answeredAt).toBeNull();
    });
  });
});
