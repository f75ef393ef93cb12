import type { ActionResult, SubmitFunction } from '@sveltejs/kit';

export interface SubmitOptions {
  /**
   * Empty the form after a successful action, as SvelteKit does by default. `false` keeps what
   * the member typed, for a page that shows its own confirmation beside the form.
   */
  reset?: boolean;
  /** Also empty the form when the action redirects to this same page (a reply, posted). */
  resetOnRedirect?: boolean;
  /** Several forms on one page: which one this is, for `isPending(key)`. */
  key?: string;
  /** Awaited before the form is sent: say, a draft save still on its way. */
  before?: () => unknown;
  /** Once the page shows the answer, with the action's result: say, to announce what happened. */
  after?: (result: ActionResult) => void;
}

/**
 * The sending state of a page's form (or forms), for `use:enhance`: pending from the moment a form
 * is sent until the page shows the answer, so its button is disabled meanwhile and a second press
 * cannot send it twice. Without JavaScript the form simply posts and the page reloads.
 *
 *   const submission = new FormSubmission();
 *   <form method="POST" use:enhance={submission.enhance({ reset: false })}>
 *     <button disabled={submission.pending}>Save</button>
 */
export class FormSubmission {
  /** The key of the form being sent ('' when it has none), or null when none is. */
  #sending = $state<string | null>(null);

  /** A form is being sent. */
  get pending(): boolean {
    return this.#sending !== null;
  }

  /** The form with this key is being sent. */
  isPending(key: string): boolean {
    return this.#sending === key;
  }

  enhance(options: SubmitOptions = {}): SubmitFunction {
    return async () => {
      this.#sending = options.key ?? '';
      try {
        await options.before?.();
      } catch (cause) {
        this.#sending = null;
        throw cause;
      }
      return async ({ result, update, formElement }) => {
        try {
          if (options.resetOnRedirect && result.type === 'redirect') formElement.reset();
          await update({ reset: options.reset ?? true });
        } finally {
          this.#sending = null;
        }
        options.after?.(result);
      };
    };
  }
}

/** `use:enhance` that keeps what the member typed, for a small form with no pending state. */
export const keepValues: SubmitFunction =
  () =>
  async ({ update }) =>
    update({ reset: false });
