import { NOTIFICATION_TYPES } from '@kinship/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { TestSmtp } from '../../../test/smtp';
import { createAdmin, createCategory, createMember, createThread, Member, reply } from '../../../test/factories';
import { EmailDeliveryService } from './email/email-delivery.service';

const PREFS = `{ notificationPreferences { type label inApp email } }`;
const SET = `mutation($type: NotificationType!, $inApp: Boolean!, $email: EmailMode!) { setNotificationPreference(type: $type, inApp: $inApp, email: $email) { type inApp email } }`;
const QUIET = `mutation($enabled: Boolean!, $start: Int, $end: Int) { setQuietHours(enabled: $enabled, start: $start, end: $end) { enabled start end } }`;
const UNSUBSCRIBE = `mutation($token: String!) { unsubscribe(token: $token) { type email } }`;
const MINUTE = 60_000;

describe('notification preferences and email', () => {
  let t: TestHarness;
  let smtp: TestSmtp;
  let admin: Member;
  let categoryId: string;
  let delivery: EmailDeliveryService;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    t = await TestHarness.start({ SMTP_URL: smtp.url, EMAIL_DELAY_SECONDS: '600', WEB_ORIGIN: 'https://kinship.example.org' });
    await t.startWorker();
    delivery = t.worker!.get(EmailDeliveryService);
    admin = await createAdmin(t);
    categoryId = await createCategory(t, admin);
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  /** A member in UTC with quiet hours off, so the clock arithmetic below is plain. */
  const member = async () => {
    const m = await createMember(t, admin);
    await t.ok(QUIET, { enabled: false }, m.token);
    return m;
  };
  const run = async (now: Date) => {
    await t.settled();
    await delivery.classify();
    await delivery.sendDue(now);
  };

  it('preferences need a session, list every type with defaults, and validate input', async () => {
    const m = await member();
    expect(errorOf(await t.gql(PREFS)).code).toBe('UNAUTHENTICATED');
    const { notificationPreferences: prefs } = await t.ok<{ notificationPreferences: any[] }>(PREFS, {}, m.token);
    expect(prefs).toHaveLength(NOTIFICATION_TYPES.length);
    expect(prefs.find((p) => p.type === 'REPLY')).toMatchObject({ inApp: true, email: 'DAILY_DIGEST' });
    expect(prefs.find((p) => p.type === 'EVENT_REMINDER')).toMatchObject({ inApp: true, email: 'IMMEDIATE' });
    expect(prefs.find((p) => p.type === 'MODERATION_OUTCOME')).toMatchObject({ inApp: true, email: 'IMMEDIATE' });
    expect(errorOf(await t.gql(SET, { type: 'REPLY', inApp: true, email: 'SOMETIMES' }, m.token)).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await t.gql(QUIET, { enabled: true, start: 1500 }, m.token))).toMatchObject({ field: 'start' });
  });

  it('in-app off hides that type from the list and the count; other types still arrive', async () => {
    const [author, replier] = [await member(), await member()];
    await t.ok(SET, { type: 'REPLY', inApp: false, email: 'OFF' }, author.token);
    const { threadId, postId } = await createThread(t, author, categoryId);
    await reply(t, replier, threadId, `hi @${author.displayName}`);
    await t.ok(`mutation($p: ID!) { react(postId: $p, kind: HUG) { id } }`, { p: postId }, replier.token);
    await t.settled();
    const { notifications } = await t.ok<{ notifications: any }>(`{ notifications { edges { node { type } } } }`, {}, author.token);
    expect(notifications.edges.map((e: any) => e.node.type).sort()).toEqual(['MENTION', 'REACTION']);
    expect(await t.ok(`{ unreadNotificationCount }`, {}, author.token)).toEqual({ unreadNotificationCount: 2 });
  });

  it('an immediate email waits 10 minutes, carries no post text, and has one-click unsubscribe headers', async () => {
    const [author, replier] = [await member(), await member()];
    await t.ok(SET, { type: 'REPLY', inApp: true, email: 'IMMEDIATE' }, author.token);
    const { threadId } = await createThread(t, author, categoryId, 'A private title ZX-TITLE-42');
    await reply(t, replier, threadId, 'A private reply with the marker ZX-BODY-9731');
    await run(new Date(Date.now() + 5 * MINUTE));
    expect(smtp.to(author.email)).toHaveLength(0);
    await run(new Date(Date.now() + 11 * MINUTE));
    const [mail] = smtp.to(author.email);
    expect(mail.subject).toBe('You have a new reply in Kinship');
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(String(part)).not.toMatch(/ZX-BODY-9731|ZX-TITLE-42/);
      expect(String(part)).not.toContain(replier.displayName);
    }
    expect(mail.text).toContain(`https://kinship.example.org/threads/${threadId}`);
    // mailparser folds List-* headers into one structured `list` header.
    const list = mail.headers.get('list') as any;
    expect(list['unsubscribe-post'].name).toBe('List-Unsubscribe=One-Click');
    const link = String(list.unsubscribe.url);
    expect(link).toMatch(/^https:\/\/kinship\.example\.org\/unsubscribe\?token=/);
    // Running again sends nothing more.
    await run(new Date(Date.now() + 20 * MINUTE));
    expect(smtp.to(author.email)).toHaveLength(1);

    // The signed link turns that type off without a session; a tampered one is refused.
    const token = new URL(link).searchParams.get('token')!;
    expect(errorOf(await t.gql(UNSUBSCRIBE, { token: token.slice(0, -2) + 'xx' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(await t.ok(UNSUBSCRIBE, { token })).toEqual({ unsubscribe: { type: 'REPLY', email: 'OFF' } });
    const prefs = (await t.ok<{ notificationPreferences: any[] }>(PREFS, {}, author.token)).notificationPreferences;
    expect(prefs.find((p) => p.type === 'REPLY').email).toBe('OFF');
    expect(prefs.find((p) => p.type === 'MENTION').email).toBe('DAILY_DIGEST');
  });

  it('skips the email when the member read the notification in the app first, and sends none when email is off', async () => {
    const [author, replier, quiet] = [await member(), await member(), await member()];
    await t.ok(SET, { type: 'REPLY', inApp: true, email: 'IMMEDIATE' }, author.token);
    const { threadId } = await createThread(t, author, categoryId);
    await reply(t, replier, threadId);
    await t.settled();
    await t.ok(`mutation { markNotificationsRead }`, {}, author.token);
    await run(new Date(Date.now() + 11 * MINUTE));
    expect(smtp.to(author.email)).toHaveLength(0);

    await t.ok(SET, { type: 'REPLY', inApp: true, email: 'OFF' }, quiet.token);
    const other = await createThread(t, quiet, categoryId);
    await reply(t, replier, other.threadId);
    await run(new Date(Date.now() + 11 * MINUTE));
    expect(smtp.to(quiet.email)).toHaveLength(0);
  });

  it('holds an email due in quiet hours until they end', async () => {
    const [author, replier] = [await member(), await member()];
    await t.ok(SET, { type: 'REPLY', inApp: true, email: 'IMMEDIATE' }, author.token);
    // Quiet hours that cover the next hour whatever the time now (UTC member).
    const nowMinutes = new Date().getUTCHours() * 60 + new Date().getUTCMinutes();
    const end = (nowMinutes + 60) % 1440;
    await t.ok(QUIET, { enabled: true, start: (nowMinutes + 1440 - 30) % 1440, end }, author.token);
    const { threadId } = await createThread(t, author, categoryId);
    await reply(t, replier, threadId);
    await run(new Date(Date.now() + 11 * MINUTE));
    expect(smtp.to(author.email)).toHaveLength(0);
    await run(new Date(Date.now() + 61 * MINUTE));
    expect(smtp.to(author.email)).toHaveLength(1);
  });

  it('sends one daily digest at 08:00 local time with counts and links only, and nothing when there is nothing', async () => {
    const [author, replier, empty] = [await member(), await member(), await member()];
    const { threadId, postId } = await createThread(t, author, categoryId, 'Digest thread', 'body');
    await reply(t, replier, threadId, 'first reply ZX-DIGEST-1');
    await reply(t, replier, threadId, 'second reply');
    await t.ok(`mutation($p: ID!) { react(postId: $p, kind: SUPPORT) { id } }`, { p: postId }, replier.token);
    await t.settled();
    await delivery.classify();
    const today = new Date().toISOString().slice(0, 10);
    const seven = new Date(`${today}T07:30:00Z`);
    const eight = new Date(`${today}T08:05:00Z`);
    expect(await delivery.sendDigests(seven)).toBe(0);
    await delivery.sendDigests(eight);
    const mails = smtp.to(author.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Your Kinship daily summary: 3 unread');
    expect(mails[0].text).toContain('Replies in threads you follow: 2 new.');
    expect(mails[0].text).not.toContain('ZX-DIGEST-1');
    await delivery.sendDigests(new Date(`${today}T09:00:00Z`));
    expect(smtp.to(author.email)).toHaveLength(1);
    expect(smtp.to(empty.email)).toHaveLength(0);
  });

  it('one refused address is given up on its own and never makes other emails resend', async () => {
    const [bad, good, replier] = [await member(), await member(), await member()];
    smtp.refuse.add(bad.email);
    for (const who of [bad, good]) await t.ok(SET, { type: 'REPLY', inApp: true, email: 'IMMEDIATE' }, who.token);
    for (const who of [bad, good]) {
      const { threadId } = await createThread(t, who, categoryId);
      await reply(t, replier, threadId);
    }
    await run(new Date(Date.now() + 11 * MINUTE));
    await run(new Date(Date.now() + 30 * MINUTE));
    expect(smtp.to(good.email)).toHaveLength(1);
    const [row] = await t.dataSource.query(`SELECT email_state FROM notifications WHERE user_id = $1 AND type = 'REPLY'`, [bad.id]);
    expect(row.email_state).toBe('FAILED');
  });

  it('crisis alerts to moderators email at once, ignoring preferences and quiet hours', async () => {
    const moderator = await createMember(t, admin, 'MODERATOR');
    await t.ok(SET, { type: 'FLAG_RAISED', inApp: false, email: 'OFF' }, moderator.token);
    await t.ok(QUIET, { enabled: true, start: 0, end: 1439 }, moderator.token);
    const [author] = [await member()];
    const { threadId } = await createThread(t, author, categoryId);
    await t.ok(`mutation($i: ReplyInput!) { reply(input: $i) { post { id } } }`, { i: { threadId, body: 'I want to end it all tonight' } }, author.token);
    await run(new Date(Date.now() + 5000));
    const mails = smtp.to(moderator.email);
    expect(mails.map((m) => m.subject)).toEqual(['Something needs a moderator in Kinship']);
    const { notifications } = await t.ok<{ notifications: any }>(`{ notifications { edges { node { type title } } } }`, {}, moderator.token);
    expect(notifications.edges.map((e: any) => e.node.title)).toContain('Urgent: a member may be in crisis');
  });
});
