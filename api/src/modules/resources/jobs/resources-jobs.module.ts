import { Module } from '@nestjs/common';
import { NotificationWriterModule } from '../../notifications/notification-writer';
import { ResourcesProcessor } from './resources.processor';

/** Worker side of resources: decisions and expiry notices. */
@Module({ imports: [NotificationWriterModule], providers: [ResourcesProcessor] })
export class ResourcesJobsModule {}
