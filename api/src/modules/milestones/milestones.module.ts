import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { DiscussionsModule } from '../discussions/discussions.module';
import { NotificationWriterModule } from '../notifications/notification-writer';
import { MilestonesResolver, UserMilestonesResolver } from './milestones.resolver';
import { MilestonesService } from './milestones.service';

@Module({
  imports: [AccountsModule, DiscussionsModule, NotificationWriterModule],
  providers: [MilestonesService, MilestonesResolver, UserMilestonesResolver],
  exports: [MilestonesService],
})
export class MilestonesModule {}
