import { createHmac, timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_TYPES } from '@kinship/shared';
import type { NotificationType } from '@kinship/shared';

/** A link that turns one type of email off for one member, without signing in: `<user>.<type>.<hmac>`. */
export function unsubscribeToken(secret: string, userId: string, type: NotificationType): string {
  const payload = `${userId}.${type}`;
  const mac = createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url');
  return Buffer.from(`${payload}.${mac}`, 'utf8').toString('base64url');
}

/** The member and type a token was made for, or null when it is malformed or its signature is wrong. */
export function readUnsubscribeToken(secret: string, token: string): { userId: string; type: NotificationType } | null {
  if (token.length > 300) return null;
  const parts = Buffer.from(token, 'base64url').toString('utf8').split('.');
  if (parts.length !== 3) return null;
  const [userId, type, mac] = parts;
  if (!(NOTIFICATION_TYPES as readonly string[]).includes(type)) return null;
  const expected = createHmac('sha256', secret).update(`unsubscribe:${userId}.${type}`).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId, type: type as NotificationType };
}
