import { Global, Module } from '@nestjs/common';
import { JobRegistry } from './job-registry';
import { OutboxRelay } from './outbox-relay.service';
import { QueueWorkers } from './queue-worker.service';

/** Worker process only: the relay, the registry processors register with, and the BullMQ workers. */
@Global()
@Module({ providers: [JobRegistry, OutboxRelay, QueueWorkers], exports: [JobRegistry, OutboxRelay] })
export class QueueWorkerModule {}
