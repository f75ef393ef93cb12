import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { failWith, loadError } from './forms';
import { toApiError, UNREACHABLE_MESSAGE } from './graphql';

/** While PostgreSQL restarts the api answers SERVICE_UNAVAILABLE: the member is told to try again, not shown a bug. */
describe('an api that cannot reach its database', () => {
  const unavailable = toApiError({
    message: "Kinship can't reach its database just now. Please try again in a minute.",
    extensions: { code: 'SERVICE_UNAVAILABLE' },
  });

  it('keeps its code and sentence', () => {
    expect(unavailable.code).toBe('SERVICE_UNAVAILABLE');
    expect(unavailable.message).toMatch(/try again in a minute/);
  });

  it('shows a page load the calm 503 page', () => {
    let thrown: unknown;
    try {
      loadError(unavailable);
    } catch (error) {
      thrown = error;
    }
    expect(isHttpError(thrown, 503)).toBe(true);
    expect((thrown as { body: { message: string } }).body.message).toBe(UNREACHABLE_MESSAGE);
  });

  it('keeps a form with what was typed, answering 503 with the sentence', () => {
    const failure = failWith(unavailable, { body: 'My draft' });
    expect(failure.status).toBe(503);
    expect(failure.data.message).toMatch(/try again in a minute/);
    expect(failure.data.values).toEqual({ body: 'My draft' });
  });
});
