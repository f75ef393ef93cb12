import { Module } from '@nestjs/common';
import { NotificationsProcessor } from './notifications.processor';

/** Worker side of notifications: the job handlers. */
@Module({ providers: [NotificationsProcessor] })
export class NotificationsJobsModule {}
