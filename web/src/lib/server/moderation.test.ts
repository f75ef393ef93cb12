import { describe, expect, it } from 'vitest';
import { toApiError } from './graphql';

describe('toApiError and suspension', () => {
  it('keeps when a suspension ends, so the web can say so calmly', () => {
    const error = toApiError({
      message: 'Your account is suspended until Mon, 30 Nov 2026 06:10:00 UTC.',
      extensions: { code: 'FORBIDDEN', suspendedUntil: '2026-11-30T06:10:00.000Z' },
    });
    expect(error.code).toBe('FORBIDDEN');
    expect(error.suspendedUntil).toBe('2026-11-30T06:10:00.000Z');
  });

  it('ignores a suspension time on any other error', () => {
    expect(
      toApiError({ message: 'x', extensions: { code: 'NOT_FOUND', suspendedUntil: 'y' } }).suspendedUntil,
    ).toBe(undefined);
    expect(toApiError({ message: 'x', extensions: { code: 'FORBIDDEN' } }).suspendedUntil).toBe(undefined);
  });
});
