import { Module } from '@nestjs/common';
import { NotificationWriterModule } from '../../notifications/notification-writer';
import { DiscussionsProcessor } from './discussions.processor';

/** Worker side of discussions: telling members of replies, mentions and reactions. */
@Module({ imports: [NotificationWriterModule], providers: [DiscussionsProcessor] })
export class DiscussionsJobsModule {}
