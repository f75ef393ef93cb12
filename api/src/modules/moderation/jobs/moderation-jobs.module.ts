import { Module } from '@nestjs/common';
import { NotificationWriterModule } from '../../notifications/notification-writer';
import { ScreeningModule } from '../../screening/screening.module';
import { ModerationProcessor } from './moderation.processor';

/** Worker side of moderation: its job handlers. */
@Module({ imports: [ScreeningModule, NotificationWriterModule], providers: [ModerationProcessor] })
export class ModerationJobsModule {}
