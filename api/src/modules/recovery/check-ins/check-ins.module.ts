import { Module } from '@nestjs/common';
import { DiscussionsModule } from '../../discussions/discussions.module';
import { NotificationWriterModule } from '../../notifications/notification-writer';
import { CheckInsResolver } from './check-ins.resolver';
import { CheckInsService } from './check-ins.service';

/** Daily check-ins, the monthly BARC-10, the trend, the hard-days pattern, settings and reminders (My recovery). */
@Module({
  imports: [DiscussionsModule, NotificationWriterModule],
  providers: [CheckInsService, CheckInsResolver],
  exports: [CheckInsService],
})
export class CheckInsModule {}
