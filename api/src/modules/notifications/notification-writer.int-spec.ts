import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHarness } from '../../../test/harness';
import { createMember, Member } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { NotificationWriter } from './notification-writer';

/** The one writer of notification rows, and the rules every domain's notifications share through it. */
describe('notification writer', () => {
  let t: TestHarness;
  let admin: Member;
  let writer: NotificationWriter;

  beforeAll(async () => {
    ({ t, admin } = await startCommunity());
    writer = t.app.get(NotificationWriter);
  });
  afterAll(() => t?.stop());

  const rows = (who: Member, key: string) =>
    t.dataSource.query(`SELECT title, in_app, urgent FROM notifications WHERE user_id = $1 AND source_key = $2`, [who.id, key]);
  const notice = (who: Member, key: string, title = 'A reply in a thread you follow') => ({
    userId: who.id,
    type: 'REPLY' as const,
    sourceKey: key,
    title,
    body: 'Thirty days today',
    url: '/threads/x',
  });

  it('writes one row per member and key, however often it is asked; retitles a batch when told to', async () => {
    const member = await createMember(t, admin);
    expect(await writer.notify(t.dataSource, notice(member, 'k1'))).toBe(true);
    expect(await writer.notify(t.dataSource, notice(member, 'k1', 'Another title'))).toBe(false);
    expect(await rows(member, 'k1')).toEqual([{ title: 'A reply in a thread you follow', in_app: true, urgent: false }]);
    expect(await writer.notify(t.dataSource, notice(member, 'k1', '3 members sent support'), 'retitle')).toBe(true);
    expect(await rows(member, 'k1')).toMatchObject([{ title: '3 members sent support' }]);
  });

  it('fans out in one statement: never to the actor, nobody across a block from them, each once', async () => {
    const [actor, reader, blocked] = [await createMember(t, admin), await createMember(t, admin), await createMember(t, admin)];
    await t.ok(`mutation($u: ID!) { blockUser(userId: $u) }`, { u: actor.id }, blocked.token);
    const fan = () =>
      writer.fanOut(t.dataSource, {
        type: 'MENTION',
        sourceKey: 'fan:1',
        actor: '$1',
        recipients: `SELECT u.id AS user_id, 'Someone mentioned you' AS title, '' AS body, '/' AS url
                       FROM users u WHERE u.id = ANY($2::uuid[])`,
        params: [actor.id, [actor.id, reader.id, blocked.id]],
      });
    expect(await fan()).toEqual([reader.id]);
    expect(await fan()).toEqual([]);
    expect(await rows(reader, 'fan:1')).toHaveLength(1);
    expect(await rows(blocked, 'fan:1')).toHaveLength(0);
    expect(await rows(actor, 'fan:1')).toHaveLength(0);
  });

  it('follows the in-app preference unless urgent, and writes nothing for a deleted member', async () => {
    const member = await createMember(t, admin);
    await t.ok(
      `mutation { setNotificationPreference(type: FLAG_RAISED, inApp: false, email: OFF) { type } }`,
      {},
      member.token,
    );
    await writer.notify(t.dataSource, { ...notice(member, 'pref:1'), type: 'FLAG_RAISED' });
    await writer.notify(t.dataSource, { ...notice(member, 'pref:2'), type: 'FLAG_RAISED', urgent: true });
    expect(await rows(member, 'pref:1')).toMatchObject([{ in_app: false }]);
    expect(await rows(member, 'pref:2')).toMatchObject([{ in_app: true, urgent: true }]);

    await t.dataSource.query(`UPDATE users SET deleted_at = now() WHERE id = $1`, [member.id]);
    expect(await writer.notify(t.dataSource, notice(member, 'gone:1'))).toBe(false);
    expect(await rows(member, 'gone:1')).toHaveLength(0);
  });
});
