import { describe, expect, it } from 'vitest';
import { failedFlag, flaggedHref, flagFormAction, flagHref } from './flags';

const id = '6d7a6f3e-4a0e-4c4c-9a51-3c2f7f2f1a01';

describe('the flag form addresses', () => {
  it('opens the form, posts from the open form and thanks, keeping the page query and hash', () => {
    expect(flagHref('/threads/t1?at=21#post-3', id)).toBe(`/threads/t1?at=21&flag=${id}#post-3`);
    expect(flagFormAction('/threads/t1?at=21#post-3', id)).toBe(`/threads/t1?at=21&flag=${id}&/flag#post-3`);
    expect(flaggedHref('/threads/t1?at=21#post-3', id)).toBe(`/threads/t1?at=21&flagged=${id}#post-3`);
    expect(flagFormAction('/events/e1', id)).toBe(`/events/e1?flag=${id}&/flag`);
  });
});

describe('failedFlag', () => {
  it('is the failed try on this target only', () => {
    const form = { scope: `flag:${id}`, message: 'Please choose.', errors: { reason: 'Please choose.' } };
    expect(failedFlag(form, id)).toEqual({
      message: 'Please choose.',
      errors: { reason: 'Please choose.' },
      values: {},
    });
    expect(failedFlag(form, 'another')).toBeNull();
    expect(failedFlag({ scope: 'report', message: 'x' }, id)).toBeNull();
    expect(failedFlag(null, id)).toBeNull();
  });
});
