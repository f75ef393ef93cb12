import { Module } from '@nestjs/common';
import { NotificationsService } from '../notifications.service';
import { NotificationsProcessor } from './notifications.processor';

/** Worker side of notifications: the job handlers. */
@Module({ providers: [NotificationsService, NotificationsProcessor] })
export class NotificationsJobsModule {}
