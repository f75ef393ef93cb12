import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ReactionButtons from './ReactionButtons.svelte';

const postId = '6d7a6f3e-4a0e-4c4c-9a51-3c2f7f2f1a01';
const base = {
  postId,
  authorName: 'Jess T',
  returnTo: '/threads/t1?at=21#post-23',
};

describe('ReactionButtons', () => {
  it('offers Support, Hug and Strength as toggle buttons, in that order', () => {
    render(ReactionButtons, {
      ...base,
      reactions: [
        { kind: 'SUPPORT', count: 0, viewerReacted: false },
        { kind: 'HUG', count: 0, viewerReacted: false },
        { kind: 'STRENGTH', count: 0, viewerReacted: false },
      ],
    });
    const group = screen.getByRole('group', { name: "Reactions to Jess T's post" });
    const buttons = within(group).getAllByRole('button');
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['Support', 'Hug', 'Strength']);
    for (const button of buttons) expect(button.getAttribute('aria-pressed')).toBe('false');
  });

  it('shows counts and which ones the viewer gave', () => {
    render(ReactionButtons, {
      ...base,
      reactions: [
        { kind: 'SUPPORT', count: 1, viewerReacted: true },
        { kind: 'HUG', count: 3, viewerReacted: false },
        { kind: 'STRENGTH', count: 0, viewerReacted: false },
      ],
    });
    const support = screen.getByRole('button', { name: 'Support 1', pressed: true });
    expect(support.querySelector('.reaction-count')?.textContent).toBe('1');
    expect(screen.getByRole('button', { name: 'Hug 3', pressed: false })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Strength', pressed: false })).toBeTruthy();
  });

  it('posts to react, or to unreact when already pressed, and comes back to the post', () => {
    render(ReactionButtons, {
      ...base,
      reactions: [
        { kind: 'SUPPORT', count: 1, viewerReacted: true },
        { kind: 'HUG', count: 0, viewerReacted: false },
        { kind: 'STRENGTH', count: 0, viewerReacted: false },
      ],
    });
    const support = screen.getByRole('button', { name: 'Support 1' }).closest('form')!;
    expect(support.getAttribute('method')).toBe('POST');
    expect(support.getAttribute('action')).toBe('?/unreact');
    const hug = screen.getByRole('button', { name: 'Hug' }).closest('form')!;
    expect(hug.getAttribute('action')).toBe('?/react');
    const data = new FormData(hug);
    expect(data.get('postId')).toBe(postId);
    expect(data.get('kind')).toBe('HUG');
    expect(data.get('returnTo')).toBe(base.returnTo);
  });

  it('fills in kinds the api left out, at zero', () => {
    render(ReactionButtons, { ...base, reactions: [{ kind: 'HUG', count: 2, viewerReacted: false }] });
    expect(screen.getAllByRole('button').map((b) => b.textContent?.trim())).toEqual([
      'Support',
      'Hug 2',
      'Strength',
    ]);
  });

  it('on your own post, shows the counts without buttons', () => {
    render(ReactionButtons, {
      ...base,
      canReact: false,
      reactions: [
        { kind: 'SUPPORT', count: 2, viewerReacted: false },
        { kind: 'HUG', count: 0, viewerReacted: false },
        { kind: 'STRENGTH', count: 1, viewerReacted: false },
      ],
    });
    expect(screen.queryByRole('button')).toBeNull();
    const summary = document.querySelector('.reaction-summary');
    expect(summary?.textContent?.replace(/\s+/g, ' ')).toContain('Support 2');
    expect(summary?.textContent).toContain('Strength 1');
    expect(summary?.textContent).not.toContain('Hug');
  });

  it('on your own post with no reactions, shows nothing', () => {
    const { container } = render(ReactionButtons, {
      ...base,
      canReact: false,
      reactions: [{ kind: 'SUPPORT', count: 0, viewerReacted: false }],
    });
    expect(container.textContent?.trim()).toBe('');
  });
});
