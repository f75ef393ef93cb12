import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftAutosave } from './drafts.svelte';

function makeForm(body = ''): { form: HTMLFormElement; textarea: HTMLTextAreaElement } {
  const form = document.createElement('form');
  const textarea = document.createElement('textarea');
  textarea.name = 'body';
  textarea.value = body;
  const other = document.createElement('input');
  other.name = 'contentWarning';
  other.value = 'not part of the draft';
  form.append(textarea, other);
  document.body.append(form);
  return { form, textarea };
}

function type(textarea: HTMLTextAreaElement, value: string) {
  textarea.value = value;
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
}

const ok = () =>
  new Response(JSON.stringify({ type: 'success', status: 200, data: '[{"draftSaved":1},true]' }), {
    headers: { 'content-type': 'application/json' },
  });

describe('DraftAutosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('saves once, 1.5 s after the last keystroke, to the page the form is on', async () => {
    const fetch = vi.fn(() => Promise.resolve(ok()));
    const draft = new DraftAutosave({
      fields: ['body'],
      fetch,
      baseUrl: () => 'http://kinship.test/threads/t1?at=21',
    });
    const { form, textarea } = makeForm();
    const detach = draft.attach(form);

    type(textarea, 'Checking');
    await vi.advanceTimersByTimeAsync(1000);
    type(textarea, 'Checking in');
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(600);

    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://kinship.test/threads/t1?/saveDraft');
    const sent = init.body as FormData;
    expect(sent.get('body')).toBe('Checking in');
    expect(sent.has('contentWarning')).toBe(false);
    expect(draft.status).toBe('saved');
    detach();
  });

  it('sends nothing when the text is what was last saved', async () => {
    const fetch = vi.fn(() => Promise.resolve(ok()));
    const draft = new DraftAutosave({ fields: ['body'], fetch, baseUrl: () => 'http://kinship.test/new' });
    const { form, textarea } = makeForm('kept from last time');
    draft.attach(form);
    type(textarea, 'kept from last time');
    await vi.advanceTimersByTimeAsync(2000);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('after settle(), a pending save never goes out', async () => {
    const fetch = vi.fn(() => Promise.resolve(ok()));
    const draft = new DraftAutosave({ fields: ['body'], fetch, baseUrl: () => 'http://kinship.test/new' });
    const { form, textarea } = makeForm();
    draft.attach(form);
    type(textarea, 'about to post this');
    await draft.settle();
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('settle() waits for a save already on its way', async () => {
    let finish: (r: Response) => void = () => {};
    const fetch = vi.fn(() => new Promise<Response>((resolve) => (finish = resolve)));
    const draft = new DraftAutosave({ fields: ['body'], fetch, baseUrl: () => 'http://kinship.test/new' });
    const { form, textarea } = makeForm();
    draft.attach(form);
    type(textarea, 'half a thought');
    await vi.advanceTimersByTimeAsync(1600);
    expect(fetch).toHaveBeenCalledTimes(1);
    let settled = false;
    const settling = draft.settle().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(settled).toBe(false);
    finish(ok());
    await settling;
    expect(settled).toBe(true);
  });

  it('says so when a save fails, and keeps the text', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('offline')));
    const draft = new DraftAutosave({ fields: ['body'], fetch, baseUrl: () => 'http://kinship.test/new' });
    const { form, textarea } = makeForm();
    draft.attach(form);
    type(textarea, 'still here');
    await vi.advanceTimersByTimeAsync(1600);
    expect(draft.status).toBe('failed');
    expect(textarea.value).toBe('still here');
  });
});
