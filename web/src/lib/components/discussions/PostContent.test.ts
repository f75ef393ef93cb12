import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import PostContent from './PostContent.svelte';

const post = {
  bodyHtml: '<p>Day 40 and the evenings are still the hardest part.</p>',
  contentWarning: null,
  collapsed: false,
  topics: [],
  deleted: false,
  hiddenByBlock: false,
};

describe('PostContent', () => {
  it('shows an ordinary post in full', () => {
    render(PostContent, { post });
    expect(screen.getByText('Day 40 and the evenings are still the hardest part.')).toBeTruthy();
    expect(document.querySelector('details')).toBeNull();
  });

  it('folds a post with a warning behind a details control that names the warning', () => {
    render(PostContent, { post: { ...post, collapsed: true, contentWarning: 'mentions a hard night' } });
    const details = document.querySelector('details.content-warning') as HTMLDetailsElement;
    expect(details).toBeTruthy();
    expect(details.open).toBe(false);
    const summary = details.querySelector('summary')!;
    expect(summary.textContent).toContain('Content warning: mentions a hard night.');
    expect(summary.textContent).toContain('Show post');
    // The body is inside the closed disclosure, not beside it.
    expect(details.querySelector('.post-body')?.textContent).toContain('Day 40');
  });

  it('names the filtered topic that folded it', () => {
    render(PostContent, {
      post: { ...post, collapsed: true, topics: ['ALCOHOL', 'GAMBLING'] },
      hiddenTopics: ['ALCOHOL'],
    });
    expect(document.querySelector('summary')?.textContent).toContain(
      'Contains a topic you chose to hide: Alcohol.',
    );
  });

  it('keeps a deleted post in place without its words', () => {
    render(PostContent, { post: { ...post, deleted: true, bodyHtml: '' } });
    expect(screen.getByText('This post was deleted by its author.')).toBeTruthy();
  });

  it('says who blocked whom only when it was the viewer', () => {
    const { unmount } = render(PostContent, {
      post: { ...post, hiddenByBlock: true, bodyHtml: '' },
      blockedByViewer: true,
    });
    expect(screen.getByText('Hidden: you blocked this member.')).toBeTruthy();
    unmount();
    render(PostContent, { post: { ...post, hiddenByBlock: true, bodyHtml: '' } });
    expect(screen.getByText('Hidden because one of you blocked the other.')).toBeTruthy();
  });
});
