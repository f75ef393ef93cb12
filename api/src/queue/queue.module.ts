import { Global, Module } from '@nestjs/common';
import { OutboxService } from './outbox.service';

/** What every domain needs to cause jobs: the outbox writer. */
@Global()
@Module({ providers: [OutboxService], exports: [OutboxService] })
export class QueueModule {}
