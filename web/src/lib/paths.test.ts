import { describe, expect, it } from 'vitest';
import { withAction, withParam } from './paths';

describe('withParam', () => {
  it('adds a parameter before the hash, keeping the rest', () => {
    expect(withParam('/threads/t1?at=21#post-23', 'flagged', 'p1')).toBe(
      '/threads/t1?at=21&flagged=p1#post-23',
    );
    expect(withParam('/moderation', 'done', 'REMOVE')).toBe('/moderation?done=REMOVE');
    expect(withParam('/moderation?done=HIDE', 'done', 'REMOVE')).toBe('/moderation?done=REMOVE');
  });
});

describe('withAction', () => {
  it('posts to the named action from the same page, query and hash kept', () => {
    expect(withAction('/threads/t1?at=21&flag=p1#post-23', 'flag')).toBe(
      '/threads/t1?at=21&flag=p1&/flag#post-23',
    );
    expect(withAction('/events/e1', 'flag')).toBe('/events/e1?/flag');
  });
});
