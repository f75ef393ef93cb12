import type { ActionResult } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { FormSubmission } from './submission.svelte';

type Input = Parameters<ReturnType<FormSubmission['enhance']>>[0];
type Callback = (options: {
  result: ActionResult;
  update: (options?: { reset?: boolean }) => Promise<void>;
  formElement: HTMLFormElement;
}) => Promise<void>;

/** Sends a form through the submit function as SvelteKit's enhance would, up to the answer. */
async function send(submission: FormSubmission, options: Parameters<FormSubmission['enhance']>[0]) {
  const submit = submission.enhance(options);
  const callback = (await submit({} as Input)) as unknown as Callback;
  return callback;
}

const redirect: ActionResult = { type: 'redirect', status: 303, location: '/threads/t1' };
const success: ActionResult = { type: 'success', status: 200 };

describe('FormSubmission', () => {
  it('is pending from sending until the page is updated, and empties the form on success by default', async () => {
    const submission = new FormSubmission();
    expect(submission.pending).toBe(false);
    const answer = await send(submission, {});
    expect(submission.pending).toBe(true);
    const update = vi.fn(() => Promise.resolve());
    await answer({ result: success, update, formElement: document.createElement('form') });
    expect(update).toHaveBeenCalledWith({ reset: true });
    expect(submission.pending).toBe(false);
  });

  it('keeps what was typed when asked, and tells the page the result afterwards', async () => {
    const submission = new FormSubmission();
    const after = vi.fn();
    const answer = await send(submission, { reset: false, after });
    const update = vi.fn(() => Promise.resolve());
    await answer({ result: success, update, formElement: document.createElement('form') });
    expect(update).toHaveBeenCalledWith({ reset: false });
    expect(after).toHaveBeenCalledWith(success);
  });

  it('names which of several forms is being sent', async () => {
    const submission = new FormSubmission();
    const answer = await send(submission, { key: 'quietHours' });
    expect(submission.isPending('quietHours')).toBe(true);
    expect(submission.isPending('preferences')).toBe(false);
    await answer({
      result: success,
      update: () => Promise.resolve(),
      formElement: document.createElement('form'),
    });
    expect(submission.isPending('quietHours')).toBe(false);
  });

  it('waits for `before`, empties the form on a redirect when asked, and is no longer pending if the update fails', async () => {
    const submission = new FormSubmission();
    const order: string[] = [];
    const answer = await send(submission, {
      resetOnRedirect: true,
      before: async () => {
        await Promise.resolve();
        order.push('before');
      },
    });
    expect(order).toEqual(['before']);
    const form = document.createElement('form');
    const reset = vi.spyOn(form, 'reset');
    await expect(
      answer({ result: redirect, update: () => Promise.reject(new Error('offline')), formElement: form }),
    ).rejects.toThrow('offline');
    expect(reset).toHaveBeenCalled();
    expect(submission.pending).toBe(false);
  });
});
