import { describe, expect, it } from 'vitest';
import {
  combineTags,
  joinTags,
  parseResourceForm,
  resourceStatus,
  safeExternalUrl,
  tagsForForm,
} from './resources';

const blank = {
  boardId: 'b',
  title: 'Title',
  organization: 'Org',
  description: '',
  location: '',
  remote: '',
  url: '',
  tags: '',
  otherTags: '',
  contact: '',
  expiresInDays: '',
};

describe('resources helpers', () => {
  it('combines checked and free-text tags, lower-cased and unique', () => {
    expect(combineTags(['part-time'], ' Forklift, part-time ,, Evening Shifts')).toEqual([
      'part-time',
      'forklift',
      'evening shifts',
    ]);
  });

  it('splits a posting’s tags into managed checkboxes and other tags', () => {
    expect(tagsForForm(['part-time', 'forklift'], ['part-time', 'remote'])).toEqual({
      tags: joinTags(['part-time']),
      otherTags: 'forklift',
    });
  });

  it('reads statuses', () => {
    expect(resourceStatus({ status: 'PENDING_REVIEW', expired: false })).toBe('pending');
    expect(resourceStatus({ status: 'VISIBLE', expired: true })).toBe('expired');
    expect(resourceStatus({ status: 'REMOVED', expired: false })).toBe('hidden');
  });

  it('accepts only http(s) links', () => {
    expect(safeExternalUrl('https://a.example/x')).toBe('https://a.example/x');
    expect(safeExternalUrl('javascript:alert(1)')).toBeNull();
    expect(safeExternalUrl('not a url')).toBeNull();
  });

  it('defaults a new posting to 30 days and keeps the end date on an edit', () => {
    expect(parseResourceForm(blank, 'new').input.expiresInDays).toBe(30);
    expect(parseResourceForm(blank, 'edit').input.expiresInDays).toBeUndefined();
    expect(parseResourceForm({ ...blank, expiresInDays: '181' }, 'new').errors.expiresInDays).toMatch(
      /1 to 180/,
    );
    expect(parseResourceForm({ ...blank, url: 'ftp://x' }, 'new').errors.url).toBeTruthy();
    expect(parseResourceForm({ ...blank, boardId: '' }, 'new').errors.boardId).toBeTruthy();
  });
});
