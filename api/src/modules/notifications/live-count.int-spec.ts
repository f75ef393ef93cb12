import http from 'node:http';
import { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TestHarness } from '../../../test/harness';
import { createAdmin, createCategory, createMember, createThread, reply } from '../../../test/factories';

/** Opens the SSE stream and collects the counts it sends: `counts` for unread notifications, `messages` for the Messages badge. */
function openStream(
  port: number,
  token?: string,
): Promise<{ status: number; counts: number[]; messages: number[]; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: '/notifications/stream', headers: token ? { authorization: `Bearer ${token}` } : {} },
      (res) => {
        const counts: number[] = [];
        const messages: number[] = [];
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (const match of buffer.matchAll(/event: (unread|messages)\ndata: (\d+)\n\n/g)) {
            (match[1] === 'unread' ? counts : messages).push(Number(match[2]));
          }
          buffer = buffer.replace(/event: (unread|messages)\ndata: \d+\n\n/g, '');
        });
        resolve({ status: res.statusCode ?? 0, counts, messages, close: () => req.destroy() });
      },
    );
    req.on('error', reject);
  });
}

describe('live unread count (server-sent events)', () => {
  let t: TestHarness;
  let port: number;

  beforeAll(async () => {
    t = await TestHarness.start();
    await t.startWorker();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t?.stop());

  it('refuses a signed-out stream', async () => {
    const stream = await openStream(port);
    stream.close();
    expect(stream.status).toBe(401);
  });

  it('sends the count at once, again when a notification arrives, and when it is read', async () => {
    const admin = await createAdmin(t);
    const [author, replier] = [await createMember(t, admin), await createMember(t, admin)];
    const categoryId = await createCategory(t, admin);
    const { threadId } = await createThread(t, author, categoryId);
    const stream = await openStream(port, author.token);
    try {
      expect(stream.status).toBe(200);
      await eventually(() => Promise.resolve(stream.counts.length > 0 ? true : undefined));
      expect(stream.counts).toEqual([0]);
      await reply(t, replier, threadId);
      await eventually(() => Promise.resolve(stream.counts.at(-1) === 1 ? true : undefined));
      await t.ok('mutation { markNotificationsRead }', {}, author.token);
      await eventually(() => Promise.resolve(stream.counts.at(-1) === 0 ? true : undefined));
      expect(stream.counts).toEqual([0, 1, 0]);
    } finally {
      stream.close();
    }
  });

  it('carries the Messages badge: a new message raises it at once, reading lowers it', async () => {
    const admin = await createAdmin(t);
    const moderator = await createMember(t, admin, 'MODERATOR');
    const member = await createMember(t, admin);
    const stream = await openStream(port, member.token);
    try {
      await eventually(() => Promise.resolve(stream.messages.length > 0 ? true : undefined));
      expect(stream.messages).toEqual([0]);
      const { startConversation } = await t.ok<{ startConversation: { conversation: { id: string } } }>(
        `mutation($i: StartConversationInput!) { startConversation(input: $i) { conversation { id } } }`,
        { i: { recipientIds: [member.id], body: 'Checking in: how are you?' } },
        moderator.token,
      );
      await eventually(() => Promise.resolve(stream.messages.at(-1) === 1 ? true : undefined));
      await t.ok(`mutation($id: ID!) { markConversationRead(id: $id) }`, { id: startConversation.conversation.id }, member.token);
      await eventually(() => Promise.resolve(stream.messages.at(-1) === 0 ? true : undefined));
      expect(stream.messages).toEqual([0, 1, 0]);
    } finally {
      stream.close();
    }
  });
});
