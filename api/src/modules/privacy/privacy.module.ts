import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EventsModule } from '../events/events.module';
import { MentorsModule } from '../mentors/mentors.module';
import { PrivacyResolver } from './privacy.resolver';
import { PrivacyService } from './privacy.service';

/** Export and deletion: they touch every domain's tables, so they live apart from any one. */
@Module({
  imports: [AccountsModule, EventsModule, MentorsModule],
  providers: [PrivacyService, PrivacyResolver],
})
export class PrivacyModule {}
