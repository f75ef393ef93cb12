import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { flagParams, sendFlag } from './flags';

const id = '6d7a6f3e-4a0e-4c4c-9a51-3c2f7f2f1a01';
const me = '11111111-1111-4111-8111-111111111111';

function event(): RequestEvent {
  return {
    locals: { user: { id: me, displayName: 'River', role: 'MEMBER', timeZone: 'UTC' }, token: 't' },
    url: new URL('http://kinship.test/u/x'),
  } as unknown as RequestEvent;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe('flagParams', () => {
  it('reads the open form and the thanks, ids only', () => {
    expect(flagParams(new URL(`http://k.test/events/e?flag=${id}`))).toEqual({ flagging: id, flagged: null });
    expect(flagParams(new URL(`http://k.test/events/e?flagged=${id}`))).toEqual({
      flagging: null,
      flagged: id,
    });
    expect(flagParams(new URL('http://k.test/events/e?flag=1&flagged=<b>'))).toEqual({
      flagging: null,
      flagged: null,
    });
  });
});

describe('sendFlag', () => {
  const page = '/threads/t1?at=21#post-3';

  it('asks for a reason at its field, keeping the note, scoped to the target', async () => {
    const failure = await sendFlag(event(), form({ note: 'kept' }), {
      type: 'POST',
      id,
      page,
      gone: 'Gone.',
    });
    expect(failure?.status).toBe(400);
    expect(failure?.data).toMatchObject({
      scope: `flag:${id}`,
      errors: { reason: 'Please choose what you would like the moderators to know.' },
      values: { reason: '', note: 'kept' },
    });
  });

  it('says a target that cannot exist is gone, and refuses your own profile', async () => {
    const gone = await sendFlag(event(), form({ reason: 'SPAM' }), {
      type: 'POST',
      id: 'x',
      page,
      gone: 'Gone.',
    });
    expect(gone?.status).toBe(404);
    expect(gone?.data.message).toBe('Gone.');
    const own = await sendFlag(event(), form({ reason: 'SPAM' }), {
      type: 'USER',
      id: me,
      page: `/u/${me}`,
      gone: 'Gone.',
    });
    expect(own?.status).toBe(400);
    expect(own?.data).toMatchObject({ message: "You can't flag your own profile.", scope: `flag:${me}` });
  });
});
