import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TestHarness } from '../../../test/harness';
import { TestSmtp } from '../../../test/smtp';
import { createMember, Member } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { EmailDeliveryService } from '../notifications/email/email-delivery.service';

const START = `mutation($i: StartConversationInput!) { startConversation(input: $i) { conversation { id } } }`;
const SEND = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { message { id } } }`;
const SECRET = 'ZX-MESSAGE-WORDS';

/**
 * Email for new messages follows the member's choices like every notification: the wait before
 * sending (read in the app meanwhile: no email), quiet hours, and the preference; one email per
 * unread stretch; a neutral subject and never the message's words or the sender's name.
 */
describe('email for new messages', () => {
  let t: TestHarness;
  let smtp: TestSmtp;
  let admin: Member;
  let moderator: Member;
  let delivery: EmailDeliveryService;
  const inMinutes = (m: number) => new Date(Date.now() + m * 60_000);

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    ({ t, admin, moderators: [moderator] } = await startCommunity({
      worker: true,
      moderators: 1,
      env: { SMTP_URL: smtp.url, EMAIL_DELAY_SECONDS: '600' },
    }));
    delivery = t.worker!.get(EmailDeliveryService);
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  /** A member with quiet hours `[start, end)` in minutes after UTC midnight, or none. */
  async function member(quiet: [number, number] | null = null): Promise<Member> {
    const m = await createMember(t, admin);
    await t.dataSource.query(`UPDATE users SET time_zone = 'UTC', quiet_hours_start = $2, quiet_hours_end = $3 WHERE id = $1`, [
      m.id,
      quiet?.[0] ?? null,
      quiet?.[1] ?? null,
    ]);
    return m;
  }

  async function write(to: Member, count: number): Promise<string> {
    const { startConversation } = await t.ok<{ startConversation: { conversation: { id: string } } }>(
      START,
      { i: { recipientIds: [to.id], body: `${SECRET} 1` } },
      moderator.token,
    );
    for (let i = 2; i <= count; i++) {
      await t.ok(SEND, { i: { conversationId: startConversation.conversation.id, body: `${SECRET} ${i}` } }, moderator.token);
    }
    return startConversation.conversation.id;
  }

  it('one email per unread stretch, after the wait, neutral; none when read in the app first', async () => {
    const [reader, away] = [await member(), await member()];
    const readId = await write(reader, 1);
    await write(away, 3);
    await t.ok(`mutation($id: ID!) { markConversationRead(id: $id) }`, { id: readId }, reader.token);
    await delivery.classify();
    expect(await delivery.sendDue()).toBe(0); // still inside the 10-minute wait
    await delivery.sendDue(inMinutes(11));
    const mails = await eventually(() => Promise.resolve(smtp.to(away.email).length > 0 ? smtp.to(away.email) : undefined));
    await t.settled();
    expect(smtp.to(away.email)).toHaveLength(1);
    expect(smtp.to(reader.email)).toHaveLength(0);
    const mail = mails[0];
    expect(mail.subject).toBe('You have a new message in Kinship');
    const all = `${mail.subject ?? ''}\n${mail.text ?? ''}\n${String(mail.html)}`;
    for (const word of [SECRET, moderator.displayName]) expect(all).not.toContain(word);
  });

  it('waits for the end of quiet hours, and follows an "off" preference', async () => {
    const now = new Date();
    const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
    // Quiet hours from an hour ago until two hours from now.
    const quiet = await member([(minute + 1440 - 60) % 1440, (minute + 120) % 1440]);
    const off = await member();
    await t.ok(`mutation { setNotificationPreference(type: NEW_MESSAGE, inApp: true, email: OFF) { type } }`, {}, off.token);
    await write(quiet, 1);
    await write(off, 1);
    await delivery.classify();
    await delivery.sendDue(inMinutes(11));
    await t.settled();
    expect(smtp.to(quiet.email)).toHaveLength(0);
    expect(smtp.to(off.email)).toHaveLength(0);
    await delivery.sendDue(inMinutes(125));
    await eventually(() => Promise.resolve(smtp.to(quiet.email).length > 0 ? true : undefined));
    await t.settled();
    expect(smtp.to(off.email)).toHaveLength(0);
  });
});
