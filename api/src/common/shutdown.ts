import { INestApplicationContext } from '@nestjs/common';

const GRACE_MS = 25_000;

const onStop = new Set<() => void>();

/**
 * `end` runs when a stop signal arrives, before the app starts closing. For work that never ends
 * by itself (open event streams): Apollo's drain waits up to 10 s for every open request before
 * any shutdown hook runs, so ending such requests in a hook would come too late. Returns the
 * unregister.
 */
export function onStopSignal(end: () => void): () => void {
  onStop.add(end);
  return () => onStop.delete(end);
}

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
    for (const end of onStop) {
      try {
        end();
      } catch (error) {
        console.error(error);
      }
    }
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
