import { Global, Module } from '@nestjs/common';
import { OutboxService } from './outbox.service';
import { QueueInspector, QueueInspectorResolver } from './queue-inspector';

/** What every domain needs to cause jobs: the outbox writer. */
@Global()
@Module({ providers: [OutboxService], exports: [OutboxService] })
export class QueueModule {}

/** The api's admin view of the queues (not loaded by the worker). */
@Module({ providers: [QueueInspector, QueueInspectorResolver], exports: [QueueInspector] })
export class QueueAdminModule {}
