import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../test/harness';
import { Member } from '../../test/factories';
import { startCommunity } from '../../test/community';
import { encodeCursor } from './connection';

describe('connection cursors', () => {
  let t: TestHarness;
  let admin: Member;

  beforeAll(async () => {
    ({ t, admin } = await startCommunity());
  });
  afterAll(() => t?.stop());

  it('a forged cursor of the right JavaScript types is still bad input, never a server error', async () => {
    const forged = encodeCursor([true, 'x', 'y']);
    expect(errorOf(await t.gql(`query($a: String) { threads(after: $a) { edges { cursor } } }`, { a: forged }, admin.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(errorOf(await t.gql(`query($a: String) { search(query: "x", after: $a) { edges { cursor } } }`, { a: encodeCursor(['abc', 'def']) }, admin.token)).code).toBe(
      'BAD_USER_INPUT',
    );
  });
});
