import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module';
import { NotificationWriterModule } from '../../notifications/notification-writer';
import { ReachOutFieldsResolver, SafetyNetResolver } from './safety-net.resolver';
import { SafetyNetService } from './safety-net.service';

/** The plan for hard moments, support people and "Reach out" (My recovery). */
@Module({
  imports: [AccountsModule, NotificationWriterModule],
  providers: [SafetyNetService, SafetyNetResolver, ReachOutFieldsResolver],
  exports: [SafetyNetService],
})
export class SafetyNetModule {}
