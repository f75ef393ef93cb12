import { describe, expect, it } from 'vitest';
import {
  deleteAccountProblems,
  deviceName,
  exportFileName,
  isKeepPostsChoice,
  namingFields,
  newPasswordProblems,
  PASSWORD_LABELS,
  signInNotice,
} from './account';

describe('newPasswordProblems', () => {
  it('accepts a long enough password typed the same twice', () => {
    expect(newPasswordProblems('a-long-enough-password', 'a-long-enough-password')).toEqual({});
  });

  it('names the confirmation field when the two differ', () => {
    const errors = newPasswordProblems('a-long-enough-password', 'a-long-enough-pasword');
    expect(Object.keys(errors)).toEqual(['confirmPassword']);
    expect(errors.confirmPassword).toMatch(/^Confirm new password doesn't match/);
  });

  it('asks for the confirmation when it was left empty', () => {
    expect(newPasswordProblems('a-long-enough-password', '')).toEqual({
      confirmPassword: 'Confirm new password is empty. Type the new password again.',
    });
  });

  it('names the new password when it is too short, or too long, along with a mismatch', () => {
    expect(newPasswordProblems('short', 'short')).toEqual({
      newPassword: 'New password must be between 10 and 200 characters.',
    });
    expect(Object.keys(newPasswordProblems('x'.repeat(201), 'y'))).toEqual([
      'newPassword',
      'confirmPassword',
    ]);
  });

  it('compares exactly: spaces and case count', () => {
    expect(
      newPasswordProblems('Correct Horse Battery', 'correct horse battery').confirmPassword,
    ).toBeDefined();
    expect(
      newPasswordProblems('correct horse battery ', 'correct horse battery').confirmPassword,
    ).toBeDefined();
  });
});

describe('deleteAccountProblems', () => {
  it('passes with a password, a choice for the posts and the box ticked', () => {
    expect(deleteAccountProblems({ password: 'pw', keepPosts: 'keep', confirmDelete: true })).toEqual({});
    expect(deleteAccountProblems({ password: 'pw', keepPosts: 'remove', confirmDelete: true })).toEqual({});
  });

  it('names every missing part at once; there is no default choice for the posts', () => {
    const errors = deleteAccountProblems({ password: '', keepPosts: '', confirmDelete: false });
    expect(Object.keys(errors).sort()).toEqual(['confirmDelete', 'keepPosts', 'password']);
    expect(deleteAccountProblems({ password: 'pw', keepPosts: 'yes', confirmDelete: true })).toHaveProperty(
      'keepPosts',
    );
  });

  it('knows the two choices', () => {
    expect(isKeepPostsChoice('keep')).toBe(true);
    expect(isKeepPostsChoice('remove')).toBe(true);
    expect(isKeepPostsChoice('true')).toBe(false);
  });
});

describe('namingFields', () => {
  it('rewords "That password" with the label of the field at fault, summary included', () => {
    const named = namingFields(
      {
        code: 'BAD_USER_INPUT',
        message: 'That password is not correct.',
        field: 'currentPassword',
        fields: { currentPassword: 'That password is not correct.' },
      },
      PASSWORD_LABELS,
    );
    expect(named.fields).toEqual({ currentPassword: 'Current password is not correct.' });
    expect(named.message).toBe('Current password is not correct.');
    expect(named.code).toBe('BAD_USER_INPUT');
  });

  it('keeps sentences that already name the field, and nested input paths', () => {
    const message = 'New password must be between 10 and 200 characters.';
    const named = namingFields(
      { message, field: 'input.newPassword', fields: { 'input.newPassword': message } },
      PASSWORD_LABELS,
    );
    expect(named.fields).toEqual({ 'input.newPassword': message });
    expect(named.message).toBe(message);
  });

  it('puts the label in front of any other sentence, and leaves unknown fields alone', () => {
    const named = namingFields(
      { message: 'Too many tries.', fields: { currentPassword: 'Too many tries.', token: 'Link expired.' } },
      PASSWORD_LABELS,
    );
    expect(named.fields).toEqual({
      currentPassword: 'Current password: Too many tries.',
      token: 'Link expired.',
    });
    expect(named.message).toBe('Too many tries.');
  });
});

describe('exportFileName', () => {
  it("is dated by the member's own day", () => {
    const now = new Date('2026-03-05T03:30:00Z');
    expect(exportFileName(now, 'UTC')).toBe('kinship-export-2026-03-05.json');
    // Still the evening of the 4th in Chicago.
    expect(exportFileName(now, 'America/Chicago')).toBe('kinship-export-2026-03-04.json');
  });

  it('falls back to UTC for a missing or unknown zone', () => {
    const now = new Date('2026-12-31T23:59:59Z');
    expect(exportFileName(now, null)).toBe('kinship-export-2026-12-31.json');
    expect(exportFileName(now, 'Not/AZone')).toBe('kinship-export-2026-12-31.json');
  });

  it('is a plain file name, safe inside a quoted Content-Disposition', () => {
    expect(exportFileName(new Date('2026-01-09T12:00:00Z'))).toMatch(
      /^kinship-export-\d{4}-\d{2}-\d{2}\.json$/,
    );
  });
});

describe('deviceName', () => {
  it('shows the hint, or says the device is unknown', () => {
    expect(deviceName('Firefox on Android')).toBe('Firefox on Android');
    expect(deviceName(null)).toBe('Unknown device');
    expect(deviceName('  ')).toBe('Unknown device');
  });
});

describe('signInNotice', () => {
  it('tells the member calmly what just happened', () => {
    expect(signInNotice(new URLSearchParams('deleted=1'))).toMatch(/^Your account has been deleted\./);
    expect(signInNotice(new URLSearchParams('reset=1'))).toBe(
      'Your password has been changed. Sign in with the new one.',
    );
    expect(signInNotice(new URLSearchParams('everywhere=1'))).toMatch(/signed out on every device/);
    expect(signInNotice(new URLSearchParams('next=%2Fsettings'))).toBeNull();
  });
});
