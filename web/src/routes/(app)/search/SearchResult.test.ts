import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SearchResult from './SearchResult.svelte';

const result = {
  id: 'p1',
  position: 7,
  createdAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
  snippetHtml: 'walking every <mark>morning</mark> before work &amp; coffee',
  contentWarning: null,
  collapsed: false,
  topics: [],
  author: { id: 'u2', displayName: 'Sam' },
  thread: { id: 't9', title: 'What helps in the first month' },
};

describe('SearchResult', () => {
  it('links the thread title to the post itself', () => {
    render(SearchResult, { result });
    const link = screen.getByRole('link', { name: 'What helps in the first month' });
    expect(link.getAttribute('href')).toBe('/threads/t9?at=7#post-7');
    expect(screen.getByRole('heading', { name: 'What helps in the first month' })).toBeTruthy();
  });

  it('renders the passage with the matching words marked, and its text escaped', () => {
    render(SearchResult, { result });
    const snippet = document.querySelector('.snippet')!;
    expect(snippet.querySelector('mark')?.textContent).toBe('morning');
    expect(snippet.textContent).toBe('walking every morning before work & coffee');
  });

  it('names the author and the time', () => {
    render(SearchResult, { result });
    expect(screen.getByRole('link', { name: 'Sam' }).getAttribute('href')).toBe('/u/u2');
    expect(screen.getByText('2 hours ago').tagName).toBe('TIME');
    expect(screen.getByText('reply 6')).toBeTruthy();
  });

  it('keeps a passage folded when the post would be folded in its thread', () => {
    render(SearchResult, {
      result: { ...result, collapsed: true, topics: ['ALCOHOL'] },
      hiddenTopics: ['ALCOHOL'],
    });
    const details = document.querySelector('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')?.textContent).toContain(
      'Contains a topic you chose to hide: Alcohol.',
    );
    expect(details.querySelector('mark')?.textContent).toBe('morning');
  });
});
