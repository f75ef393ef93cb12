import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHarness } from './harness';

describe('smoke', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await TestHarness.start();
  });
  afterAll(() => t?.stop());

  it('answers health and me', async () => {
    const res = await t.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(await t.ok('{ me { id } }')).toEqual({ me: null });
  });
});
