import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { loggedCookies, redirectAnswer } from './redirects';

function event(init: RequestInit & { isDataRequest?: boolean } = {}) {
  return {
    request: new Request('http://127.0.0.1:3000/threads/1', init),
    isDataRequest: init.isDataRequest ?? false,
  };
}

describe('redirectAnswer', () => {
  it('is a plain HTTP redirect for a page or a form posted without JavaScript', async () => {
    for (const init of [{}, { method: 'POST', headers: { accept: 'text/html' } }]) {
      const answer = redirectAnswer(event(init), 303, '/signin?next=%2Fthreads%2F1');
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe('/signin?next=%2Fthreads%2F1');
      expect(await answer.text()).toBe('');
    }
  });

  it("is SvelteKit's redirect node for a client-side navigation's data request", async () => {
    const answer = redirectAnswer(event({ isDataRequest: true }), 303, '/signin');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(await answer.json()).toEqual({ type: 'redirect', location: '/signin' });
  });

  it("is SvelteKit's action result for an enhanced form submission", async () => {
    const answer = redirectAnswer(
      event({ method: 'POST', headers: { accept: 'application/json', 'x-sveltekit-action': 'true' } }),
      303,
      '/suspended',
    );
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ type: 'redirect', status: 303, location: '/suspended' });
  });
});

describe('loggedCookies', () => {
  function fakeCookies(): Cookies & { changes: string[] } {
    const changes: string[] = [];
    return {
      changes,
      get: () => undefined,
      getAll: () => [],
      serialize: (name, value, options) =>
        `${name}=${value}; Path=${options.path}; Max-Age=${options.maxAge ?? ''}`,
      set: (name, value) => changes.push(`set ${name}=${value}`),
      delete: (name) => changes.push(`delete ${name}`),
    };
  }

  it('passes each change on and notes it as a Set-Cookie line', () => {
    const cookies = fakeCookies();
    const log: string[] = [];
    const logged = loggedCookies(cookies, log);
    logged.set('a', '1', { path: '/', maxAge: 60 });
    logged.delete('kinship_session', { path: '/' });
    expect(cookies.changes).toEqual(['set a=1', 'delete kinship_session']);
    expect(log).toEqual(['a=1; Path=/; Max-Age=60', 'kinship_session=; Path=/; Max-Age=0']);
  });
});
