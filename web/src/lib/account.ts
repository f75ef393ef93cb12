/**
 * Account and privacy: the checks the web makes before asking the api (so a member hears about a
 * mistyped confirmation at once, next to the field), and the wording shared by the settings page,
 * the export download and the sign-in page. Pure functions, safe on server and browser alike.
 */
import { LIMITS } from '@kinship/shared';

/** The labels of the password forms (change and reset); an error names its field with these. */
export const PASSWORD_LABELS = {
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'Confirm new password',
} as const;

export const NEW_PASSWORD_HINT = `At least ${LIMITS.passwordMin} characters. A few words you will remember works well.`;

/**
 * Problems with a new password and its confirmation, keyed by field name; empty when both are
 * fine. The api checks the length again (and has the last word); the confirmation only the web
 * can check, since the api never sees it.
 */
export function newPasswordProblems(newPassword: string, confirmPassword: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (newPassword.length < LIMITS.passwordMin || newPassword.length > LIMITS.passwordMax) {
    errors.newPassword = `New password must be between ${LIMITS.passwordMin} and ${LIMITS.passwordMax} characters.`;
  }
  if (confirmPassword === '') {
    errors.confirmPassword = 'Confirm new password is empty. Type the new password again.';
  } else if (confirmPassword !== newPassword) {
    errors.confirmPassword =
      "Confirm new password doesn't match the new password. Type the same password in both.";
  }
  return errors;
}

/** What the member chose for their posts: keep them (as "Former member") or remove their text. */
export type KeepPostsChoice = 'keep' | 'remove';

export function isKeepPostsChoice(value: string): value is KeepPostsChoice {
  return value === 'keep' || value === 'remove';
}

export const DELETE_LABELS = {
  password: 'Your password',
  keepPosts: 'What happens to your posts',
  confirmDelete: 'I understand this deletes my account now and cannot be undone',
} as const;

/**
 * The delete form's own checks, keyed by field name: the password is there, a choice for the
 * posts was made (there is no default: it is the member's to make), and the box is ticked.
 */
export function deleteAccountProblems(form: {
  password: string;
  keepPosts: string;
  confirmDelete: boolean;
}): Record<string, string> {
  const errors: Record<string, string> = {};
  if (form.password === '') errors.password = 'Enter your password, so we know it is you.';
  if (!isKeepPostsChoice(form.keepPosts)) {
    errors.keepPosts =
      'Choose what happens to your posts: keep them as "Former member" or remove their text.';
  }
  if (!form.confirmDelete) {
    errors.confirmDelete = 'Tick the box to confirm that you understand this cannot be undone.';
  }
  return errors;
}

/**
 * An api error about a field, reworded to name the field the member sees: "That password is not
 * correct." becomes "Current password is not correct." on a page with several password boxes. A
 * sentence that already starts with the label is kept; any other gets the label in front.
 */
export function namingFields<E extends { message: string; field?: string; fields: Record<string, string> }>(
  apiError: E,
  labels: Record<string, string>,
): E {
  const fields: Record<string, string> = {};
  for (const [path, message] of Object.entries(apiError.fields)) {
    const label = labels[path.replace(/^input\./, '')];
    fields[path] = label ? withLabel(label, message) : message;
  }
  const field = apiError.field;
  return { ...apiError, fields, message: field && fields[field] ? fields[field] : apiError.message };
}

function withLabel(label: string, message: string): string {
  if (message.toLowerCase().startsWith(label.toLowerCase())) return message;
  const named = message.replace(/^That password\b/, label);
  return named !== message ? named : `${label}: ${message}`;
}

function validZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** `kinship-export-2026-03-04.json`: the date is the member's own day (UTC when unknown). */
export function exportFileName(now: Date, timeZone?: string | null): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: validZone(timeZone),
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `kinship-export-${part('year')}-${part('month')}-${part('day')}.json`;
}

/** "Chrome on Android"; a session the api could not describe is still a device. */
export function deviceName(deviceHint: string | null | undefined): string {
  const hint = deviceHint?.trim();
  return hint ? hint : 'Unknown device';
}

/** The calm sentence the sign-in page shows after one of the account pages sent the member there. */
export function signInNotice(params: URLSearchParams): string | null {
  if (params.has('deleted')) {
    return 'Your account has been deleted. Thank you for being part of Kinship. We wish you well.';
  }
  if (params.has('reset')) return 'Your password has been changed. Sign in with the new one.';
  if (params.has('everywhere')) {
    return 'You are signed out on every device, this one included. Sign in again whenever you are ready.';
  }
  return null;
}
