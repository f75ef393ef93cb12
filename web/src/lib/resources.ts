/**
 * Resource boards (jobs, training, housing, legal and community help): status wording, tag and
 * form reading shared by the pages. Pure functions, the same on server and browser.
 */
import { formatDate } from './format';

export const RESOURCE_FIELDS = [
  'boardId',
  'title',
  'organization',
  'description',
  'location',
  'remote',
  'url',
  'tags',
  'otherTags',
  'contact',
  'expiresInDays',
] as const;

export type ResourceFormValues = Record<(typeof RESOURCE_FIELDS)[number], string>;

export const RESOURCE_FIELD_LABELS: Record<string, string> = {
  boardId: 'Board',
  title: 'Title',
  organization: 'Organisation',
  description: 'Description',
  location: 'Location (optional)',
  remote: 'Remote or online',
  url: 'Link to apply or find out more (optional)',
  tags: 'Tags',
  otherTags: 'Other tags (comma-separated)',
  contact: 'Contact (optional)',
  expiresInDays: 'Days to keep it on the board',
};

export const EXPIRY_DEFAULT_DAYS = 30;
export const EXPIRY_MAX_DAYS = 180;

/** Tags travel through the form as one string; this separator never appears in a managed tag. */
const TAG_SEPARATOR = '\n';

export function joinTags(tags: readonly string[]): string {
  return tags.join(TAG_SEPARATOR);
}

export function splitTags(value: string): string[] {
  return value
    .split(TAG_SEPARATOR)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** Checked managed tags plus "Other tags (comma-separated)": trimmed, lower-cased, unique. */
export function combineTags(checked: readonly string[], other: string): string[] {
  const all = [...checked, ...other.split(',')].map((t) => t.trim().toLowerCase()).filter(Boolean);
  return [...new Set(all)];
}

/** A posting's tags split for the form: the managed ones as checkboxes, the rest as free text. */
export function tagsForForm(
  tags: readonly string[],
  managed: readonly string[],
): { tags: string; otherTags: string } {
  const known = new Set(managed);
  return {
    tags: joinTags(tags.filter((t) => known.has(t))),
    otherTags: tags.filter((t) => !known.has(t)).join(', '),
  };
}

export type ResourceStatusKind = 'pending' | 'live' | 'expired' | 'hidden';

export interface ResourceStatusLike {
  status: 'VISIBLE' | 'PENDING_REVIEW' | 'HIDDEN' | 'REMOVED';
  expired: boolean;
}

export function resourceStatus(resource: ResourceStatusLike): ResourceStatusKind {
  if (resource.status === 'PENDING_REVIEW') return 'pending';
  if (resource.status === 'HIDDEN' || resource.status === 'REMOVED') return 'hidden';
  return resource.expired ? 'expired' : 'live';
}

export const RESOURCE_STATUS_TEXT: Record<ResourceStatusKind, string> = {
  pending: 'Waiting for review',
  live: 'Live',
  expired: 'Expired',
  hidden: 'Taken down by a moderator',
};

/** "Open until Mar 4" / "Expired on Mar 4". */
export function expiryText(
  resource: { expiresAt: string; expired: boolean },
  timeZone?: string | null,
  now: Date = new Date(),
): string {
  const date = formatDate(resource.expiresAt, timeZone, now);
  return resource.expired ? `Expired on ${date}` : `On the board until ${date}`;
}

/** "Denver · Remote", "Remote", "Denver", or "". */
export function placeText(resource: { location?: string | null; remote: boolean }): string {
  return [resource.location?.trim() || null, resource.remote ? 'Remote or online' : null]
    .filter(Boolean)
    .join(' · ');
}

/** An http(s) link the page may show as "Apply / visit"; anything else is not shown as a link. */
export function safeExternalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export interface ParsedResourceForm {
  input: {
    title: string;
    organization: string;
    description: string;
    location: string;
    remote: boolean;
    url: string;
    tags: string[];
    contact: string;
    expiresInDays: number | undefined;
  };
  errors: Record<string, string>;
}

/**
 * Reads the form. On a new posting the days are required (default 30); on an edit an empty
 * days field keeps the current end date.
 */
export function parseResourceForm(values: ResourceFormValues, mode: 'new' | 'edit'): ParsedResourceForm {
  const errors: Record<string, string> = {};
  if (mode === 'new' && !values.boardId.trim()) errors.boardId = 'Choose the board it belongs on.';
  if (!values.title.trim()) errors.title = 'Please give the posting a title.';
  if (!values.organization.trim()) errors.organization = 'Please name the organisation or employer.';
  const url = values.url.trim();
  if (url && !safeExternalUrl(url)) errors.url = 'Enter a link starting with https:// or http://.';
  let expiresInDays: number | undefined;
  const days = values.expiresInDays.trim();
  if (days) {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > EXPIRY_MAX_DAYS) {
      errors.expiresInDays = `Enter a whole number of days from 1 to ${EXPIRY_MAX_DAYS}.`;
    } else {
      expiresInDays = n;
    }
  } else if (mode === 'new') {
    expiresInDays = EXPIRY_DEFAULT_DAYS;
  }
  return {
    input: {
      title: values.title.trim(),
      organization: values.organization.trim(),
      description: values.description.trim(),
      location: values.location.trim(),
      remote: values.remote === 'on' || values.remote === 'true',
      url,
      tags: combineTags(splitTags(values.tags), values.otherTags),
      contact: values.contact.trim(),
      expiresInDays,
    },
    errors,
  };
}

/** The api names its inputs as the form does, except `input.` prefixes (already dropped). */
export function formFieldFor(apiField: string): string {
  return apiField === 'tags' ? 'otherTags' : apiField;
}
