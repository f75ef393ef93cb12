import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stack } from '../e2e/support/stack.js';

/**
 * The per-IP sign-in limit counts visitors, not the proxy in front of the web. Behind a reverse
 * proxy the web is told which header carries the visitor's address (adapter-node's ADDRESS_HEADER
 * and XFF_DEPTH, README "Behind a reverse proxy"); without that setting a client-sent
 * X-Forwarded-For is ignored, so it cannot be used to dodge the limit.
 */
describe('client addresses behind a proxy', () => {
  let stack: Stack;
  let proxied: string;

  beforeAll(async () => {
    stack = await Stack.start({ AUTH_RATE_LIMIT_PER_IP: '3', AUTH_RATE_LIMIT_PER_EMAIL: '1000' });
    // A second web, configured as it would be behind one proxy that appends the visitor's address.
    proxied = await stack.startExtra('web', { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' });
  }, 120_000);
  afterAll(() => stack?.stop());

  let attempt = 0;
  /** A wrong-password sign-in through the web's form; true when it was refused as too many attempts. */
  const limited = async (web: string, forwardedFor: string): Promise<boolean> => {
    attempt += 1;
    const res = await stack.postForm(
      '/signin?/signin',
      { email: `nobody${attempt}@example.org`, password: 'not-the-password' },
      { webUrl: web, headers: { 'x-forwarded-for': forwardedFor } },
    );
    const html = await res.text();
    if (/Too many attempts/.test(html)) return true;
    expect(html).toMatch(/match an account/);
    return false;
  };

  it('limits each visitor by the address the proxy passed on, and only that visitor', async () => {
    for (let i = 0; i < 3; i++) expect(await limited(proxied, '198.51.100.7')).toBe(false);
    expect(await limited(proxied, '198.51.100.7')).toBe(true);
    // Another visitor through the same proxy is not held back by the first one's attempts.
    expect(await limited(proxied, '198.51.100.8')).toBe(false);
    // The proxy appends the real address: a visitor cannot pose as another by sending their own header.
    expect(await limited(proxied, '198.51.100.8, 198.51.100.7')).toBe(true);
  });

  it('ignores X-Forwarded-For when the web is not told to trust it', async () => {
    for (let i = 0; i < 3; i++) expect(await limited(stack.webUrl, `203.0.113.${i + 1}`)).toBe(false);
    expect(await limited(stack.webUrl, '203.0.113.99')).toBe(true);
  });
});
