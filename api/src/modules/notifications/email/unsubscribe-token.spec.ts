import { describe, expect, it } from 'vitest';
import { readUnsubscribeToken, unsubscribeToken } from './unsubscribe-token';

const SECRET = 'a-secret-a-secret-a-secret-a-secret';
const USER = '11111111-1111-4111-8111-111111111111';

describe('unsubscribe tokens', () => {
  it('round-trip to their member and type', () => {
    expect(readUnsubscribeToken(SECRET, unsubscribeToken(SECRET, USER, 'REPLY'))).toEqual({ userId: USER, type: 'REPLY' });
  });

  it('refuse a tampered type, member or signature, another secret, and garbage', () => {
    const token = unsubscribeToken(SECRET, USER, 'REPLY');
    const [user, , mac] = Buffer.from(token, 'base64url').toString().split('.');
    const forge = (s: string) => Buffer.from(s).toString('base64url');
    expect(readUnsubscribeToken(SECRET, forge(`${user}.MENTION.${mac}`))).toBeNull();
    expect(readUnsubscribeToken(SECRET, forge(`22222222-2222-4222-8222-222222222222.REPLY.${mac}`))).toBeNull();
    expect(readUnsubscribeToken(SECRET, forge(`${user}.REPLY.${mac.slice(1)}x`))).toBeNull();
    expect(readUnsubscribeToken('another-secret-another-secret-12345', token)).toBeNull();
    expect(readUnsubscribeToken(SECRET, 'garbage')).toBeNull();
  });
});
