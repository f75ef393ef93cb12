import { INestApplicationContext } from '@nestjs/common';

const GRACE_MS = 25_000;

/**
 * SIGTERM / SIGINT: close the app (the worker stops taking jobs and finishes the active ones;
 * the api stops accepting requests), then exit 0. If closing takes longer than the grace period,
 * exit 1 so the orchestrator knows; unfinished jobs are retried by another worker after their lock.
 */
export function stopOnSignals(app: INestApplicationContext): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => {
      console.error(`shutdown after ${signal} took longer than ${GRACE_MS} ms; exiting`);
      process.exit(1);
    }, GRACE_MS);
    timer.unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
