import { Global, Module } from '@nestjs/common';
import { JobRegistry } from './job-registry';
import { OutboxRelay } from './outbox-relay.service';
import { QueueWorkers } from './queue-worker.service';
import { Sweeper, SweepRegistry } from './sweeper.service';

/** Worker process only: the relay, the registries processors register with, the BullMQ workers and the sweeper. */
@Global()
@Module({
  providers: [JobRegistry, SweepRegistry, OutboxRelay, QueueWorkers, Sweeper],
  exports: [JobRegistry, SweepRegistry, OutboxRelay, Sweeper],
})
export class QueueWorkerModule {}
