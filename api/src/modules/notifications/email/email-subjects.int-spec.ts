import { randomUUID } from 'node:crypto';
import { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_TYPES, NotificationType } from '@kinship/shared';
import { eventually, TestHarness } from '../../../../test/harness';
import { TestSmtp } from '../../../../test/smtp';
import { createAdmin, createMember, invite, Member, register } from '../../../../test/factories';
import { NOTIFICATION_TYPE_SETTINGS } from '../notification-types';
import { EmailDeliveryService } from './email-delivery.service';

/**
 * An email may be read in a shared inbox or on a lock screen: whatever a notification says in the
 * app (a thread's title, a post's words, a name), its email — above all its subject — says none
 * of it, and no word in it gives away that the reader is in recovery.
 */
const RECOVERY_WORDS =
  /relaps|sober|sobriety|drink|drunk|alcohol|recover|craving|addict|detox|rehab|overdose|opioid|suicid|self-harm|clean|using again|meeting/i;

const SET = `mutation($type: NotificationType!, $email: EmailMode!) { setNotificationPreference(type: $type, inApp: true, email: $email) { type } }`;
const QUIET_OFF = `mutation { setQuietHours(enabled: false) { enabled } }`;

/** What a producer might put in a notification of this type, at its most private (as the app shows it). */
function hostile(type: NotificationType, from: Member) {
  const title = `Day 3 sober again: I relapsed after 90 days ZX-TITLE-${type}`;
  return {
    title: `${from.displayName} replied in "${title}"`.slice(0, 200),
    body: `The craving for drinking came back at the recovery meeting. ZX-BODY-${type}`,
    secrets: [title, `ZX-TITLE-${type}`, `ZX-BODY-${type}`, 'craving for drinking', from.displayName],
  };
}

describe('email subjects are neutral for every notification type', () => {
  let t: TestHarness;
  let smtp: TestSmtp;
  let admin: Member;
  let from: Member;
  let delivery: EmailDeliveryService;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    t = await TestHarness.start({
      SMTP_URL: smtp.url,
      EMAIL_DELAY_SECONDS: '0',
      WEB_ORIGIN: 'https://kinship.example.org',
    });
    await t.startWorker();
    delivery = t.worker!.get(EmailDeliveryService);
    admin = await createAdmin(t);
    // A display name is private too: it names the person the email is about.
    from = await register(t, await invite(t, admin), 'SoberSam');
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  /** A moderator (so every type, FLAG_RAISED included, is theirs to get) with every type set to `email`, quiet hours off. */
  async function recipient(email: 'IMMEDIATE' | 'DAILY_DIGEST'): Promise<Member> {
    const who = await createMember(t, admin, 'MODERATOR');
    await t.ok(QUIET_OFF, {}, who.token);
    for (const type of NOTIFICATION_TYPES) await t.ok(SET, { type, email }, who.token);
    return who;
  }

  /** One notification of every type, written the way the producers write them. */
  async function notifyEveryType(who: Member, urgent = false): Promise<string[]> {
    const secrets: string[] = [];
    for (const type of NOTIFICATION_TYPES) {
      const n = hostile(type, from);
      secrets.push(...n.secrets);
      await t.dataSource.query(
        `INSERT INTO notifications (user_id, type, source_key, title, body, url, urgent) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [who.id, type, `subject-test:${type}:${urgent}`, n.title, n.body, `/threads/${randomUUID()}`, urgent],
      );
    }
    return secrets;
  }

  /**
   * Sends every email now due and returns what `who` received once `expected` have arrived. The
   * worker's own minute sweep may claim some of them first (the delay is 0), so this waits for
   * those too, then lets the queues settle so a duplicate would still be seen.
   */
  async function sendNow(who: Member, expected: number): Promise<ParsedMail[]> {
    await delivery.classify();
    await delivery.sendDue(new Date(Date.now() + 1000));
    await eventually(() => Promise.resolve(smtp.to(who.email).length >= expected ? true : undefined));
    await t.settled();
    return smtp.to(who.email);
  }

  function expectNeutral(mail: ParsedMail, secrets: string[], who: Member): void {
    const subject = mail.subject ?? '';
    expect(subject.length).toBeGreaterThan(5);
    expect(subject).not.toMatch(RECOVERY_WORDS);
    for (const secret of [...secrets, who.displayName]) expect(subject).not.toContain(secret);
    // The body is held to the same: a sentence, a link and how to stop.
    for (const part of [mail.text ?? '', String(mail.html)]) {
      expect(part).not.toMatch(RECOVERY_WORDS);
      for (const secret of secrets) expect(part).not.toContain(secret);
    }
  }

  it('every type has its own subject, and none carries a recovery word', () => {
    expect(Object.keys(NOTIFICATION_TYPE_SETTINGS).sort()).toEqual([...NOTIFICATION_TYPES].sort());
    for (const type of NOTIFICATION_TYPES) {
      expect(NOTIFICATION_TYPE_SETTINGS[type].subject, type).not.toMatch(RECOVERY_WORDS);
    }
  });

  it('an immediate email of each type says nothing of the post, the thread or who wrote it', async () => {
    const who = await recipient('IMMEDIATE');
    const secrets = await notifyEveryType(who);
    const mails = await sendNow(who, NOTIFICATION_TYPES.length);
    expect(mails).toHaveLength(NOTIFICATION_TYPES.length);
    for (const mail of mails) expectNeutral(mail, secrets, who);
    // Each type with the subject of its own kind, so the reader knows what it is about, and nothing more.
    expect(mails.map((m) => m.subject).sort()).toEqual(
      NOTIFICATION_TYPES.map((type) => NOTIFICATION_TYPE_SETTINGS[type].subject).sort(),
    );
  });

  it('urgent emails (sent at once, whatever the settings) are as neutral', async () => {
    const who = await createMember(t, admin, 'MODERATOR');
    for (const type of NOTIFICATION_TYPES) await t.ok(SET, { type, email: 'OFF' }, who.token);
    const secrets = await notifyEveryType(who, true);
    const mails = await sendNow(who, NOTIFICATION_TYPES.length);
    expect(mails).toHaveLength(NOTIFICATION_TYPES.length);
    for (const mail of mails) expectNeutral(mail, secrets, who);
  });

  it('the daily summary of every type counts them without a word of what they say', async () => {
    const who = await recipient('DAILY_DIGEST');
    const secrets = await notifyEveryType(who);
    await delivery.classify();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await delivery.sendDigests(new Date(`${tomorrow}T09:00:00Z`));
    const mails = smtp.to(who.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`Your Kinship daily summary: ${NOTIFICATION_TYPES.length} unread`);
    expectNeutral(mails[0], secrets, who);
  });
});
