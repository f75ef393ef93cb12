export interface DraftAutosaveOptions {
  /** The form action that saves (`?/saveDraft`), resolved against the page's address. */
  action?: string;
  /** The fields that make up the draft; everything else in the form is left out. */
  fields: readonly string[];
  /** Quiet time after the last keystroke before saving. */
  delayMs?: number;
  /** For tests. */
  fetch?: typeof fetch;
  /** For tests: the page address the action is resolved against. */
  baseUrl?: () => string;
}

/** `?/saveDraft` against the page's address, as a string (nothing here is reactive). */
function absolute(action: string, base: string): string {
  const url = new URL(action, base);
  return url.href;
}

export type DraftStatus = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * Saves a half-written post while the member types (progressive enhancement: without JavaScript
 * the form simply keeps its values). Typing schedules one save ~1.5 s after the last keystroke;
 * nothing is sent when the text has not changed since the last save. Call `settle()` before the
 * post itself is sent, so a late save cannot bring back a draft the api just dropped.
 */
export class DraftAutosave {
  status = $state<DraftStatus>('idle');
  /** When the last save went through (ms since the epoch). */
  savedAt = $state<number | null>(null);

  readonly #options: Required<Omit<DraftAutosaveOptions, 'fetch' | 'baseUrl'>> &
    Pick<DraftAutosaveOptions, 'fetch' | 'baseUrl'>;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #url: string | null = null;
  #inflight: Promise<void> | null = null;
  #lastSent: string | null = null;
  #stopped = false;

  constructor(options: DraftAutosaveOptions) {
    this.#options = { action: '?/saveDraft', delayMs: 1500, ...options };
  }

  /** `{@attach draft.attach}` on the form: watches typing until the form goes away. */
  attach = (form: HTMLFormElement): (() => void) => {
    this.#stopped = false;
    this.#timer = undefined;
    // Fixed now: the draft belongs to the page the form was shown on, even if the save runs
    // while the browser is already moving to another page.
    this.#url = absolute(this.#options.action, this.#options.baseUrl?.() ?? location.href);
    this.#lastSent = this.#snapshot(form).key;
    const onInput = () => this.schedule(form);
    form.addEventListener('input', onInput);
    form.addEventListener('change', onInput);
    return () => {
      form.removeEventListener('input', onInput);
      form.removeEventListener('change', onInput);
      // Leaving the page mid-sentence: save what is there instead of waiting out the delay.
      if (this.#timer !== undefined && !this.#stopped) void this.save(form);
    };
  };

  schedule(form: HTMLFormElement): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.save(form), this.#options.delayMs);
  }

  /** Saves now (unless nothing changed since the last save). Saves run one after another, in order. */
  async save(form: HTMLFormElement): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const url = this.#url;
    if (this.#stopped || !url) return;
    const { key, data } = this.#snapshot(form);
    const run = async () => {
      if (key === this.#lastSent) return;
      this.status = 'saving';
      const ok = await this.#send(url, data);
      if (ok) {
        this.#lastSent = key;
        this.savedAt = Date.now();
      }
      this.status = ok ? 'saved' : 'failed';
    };
    const work = (this.#inflight ?? Promise.resolve()).then(run);
    this.#inflight = work;
    try {
      await work;
    } finally {
      if (this.#inflight === work) this.#inflight = null;
    }
  }

  /** Stops saving and waits for a save already on its way (call just before posting). */
  async settle(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#inflight;
  }

  /** Saving starts again (after a post that did not go through). */
  resume(form?: HTMLFormElement): void {
    this.#stopped = false;
    if (form) this.schedule(form);
  }

  #snapshot(form: HTMLFormElement): { key: string; data: FormData } {
    const data = new FormData();
    const all = new FormData(form);
    for (const name of this.#options.fields) {
      const value = all.get(name);
      data.set(name, typeof value === 'string' ? value : '');
    }
    const key = JSON.stringify(this.#options.fields.map((name) => data.get(name)));
    return { key, data };
  }

  async #send(url: string, data: FormData): Promise<boolean> {
    const doFetch = this.#options.fetch ?? fetch;
    try {
      const response = await doFetch(url, {
        method: 'POST',
        body: data,
        headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
      });
      // An action answers { type, status, data }; only `type` matters here (the data is not needed).
      const result = (await response.json()) as { type?: unknown };
      return response.ok && result.type === 'success';
    } catch {
      return false;
    }
  }
}
