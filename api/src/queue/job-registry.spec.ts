import { describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import { JobRegistry } from './job-registry';
import { defineJob } from './jobs';

const A = defineJob<{ id: string }>('notifications', 'test.a');
const B = defineJob<{ id: string }>('notifications', 'test.b');

describe('JobRegistry', () => {
  it('refuses to start when a job has no handler, naming it', () => {
    const registry = new JobRegistry();
    registry.register(A, () => Promise.resolve());
    expect(() => registry.assertComplete([A, B])).toThrow(/test\.b/);
  });

  it('refuses a second handler for the same job', () => {
    const registry = new JobRegistry();
    registry.register(A, () => Promise.resolve());
    expect(() => registry.register(A, () => Promise.resolve())).toThrow(/two handlers/);
  });

  it('dispatches a job to its handler with the payload', async () => {
    const registry = new JobRegistry();
    const seen: string[] = [];
    registry.register(A, (payload) => {
      seen.push(payload.id);
      return Promise.resolve();
    });
    await registry.dispatch({ name: 'test.a', data: { id: 'x' } } as Job<object>);
    expect(seen).toEqual(['x']);
    await expect(registry.dispatch({ name: 'test.c', data: {} } as Job<object>)).rejects.toThrow(/test\.c/);
  });
});
