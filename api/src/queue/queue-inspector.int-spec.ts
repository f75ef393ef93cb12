import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, eventually, TestHarness } from '../../test/harness';
import { createAdmin, createMember } from '../../test/factories';
import { JobRegistry } from './job-registry';
import { REMIND_STALE_CASES } from '../modules/moderation/jobs/moderation.jobs';
import { OutboxService } from './outbox.service';

describe.each(['redis', 'postgres'] as const)('failed jobs for admins (jobs on %s)', (backend) => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await TestHarness.start({ JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '10', QUEUE_BACKEND: backend });
    await t.startWorker();
  });
  afterAll(() => t?.stop());

  it('keeps a job that used up its retries, shows it to admins only, and retries it on request', async () => {
    const admin = await createAdmin(t);
    const member = await createMember(t, admin);
    expect(errorOf(await t.gql(`{ failedJobs { id } }`, {}, member.token)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(`{ queueCounts { queue } }`)).code).toBe('UNAUTHENTICATED');

    // Make one handler fail: the job retries with backoff, then is kept as failed.
    let fail = true;
    const registry = t.worker!.get(JobRegistry);
    (registry as unknown as { handlers: Map<string, (p: object) => Promise<void>> }).handlers.set(REMIND_STALE_CASES.name, () => {
      if (fail) return Promise.reject(new Error('simulated outage'));
      return Promise.resolve();
    });
    await t.dataSource.transaction((m) => t.app.get(OutboxService).enqueue(m, REMIND_STALE_CASES, {}));
    const failed = await eventually(async () => {
      const { failedJobs } = await t.ok<{ failedJobs: any[] }>(`{ failedJobs { queue id name attempts reason } }`, {}, admin.token);
      return failedJobs.length ? failedJobs : undefined;
    });
    expect(failed[0]).toMatchObject({ queue: 'notifications', name: 'moderation.remind-stale', attempts: 2, reason: 'simulated outage' });
    fail = false;
    await t.ok(`mutation($q: String!, $id: ID!) { retryFailedJob(queue: $q, id: $id) }`, { q: failed[0].queue, id: failed[0].id }, admin.token);
    await eventually(async () => {
      // Only the retried job: the worker's start-up run of the same schedule may have failed too.
      const { failedJobs } = await t.ok<{ failedJobs: any[] }>(`{ failedJobs { id } }`, {}, admin.token);
      return failedJobs.some((job) => job.id === failed[0].id) ? undefined : true;
    });
  });
});
