import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { DiscussionsModule } from '../discussions/discussions.module';
import { EventsModule } from '../events/events.module';
import { ResourcesModule } from '../resources/resources.module';
import { CaseFieldsResolver } from './case-fields.resolver';
import { ScreeningModule } from '../screening/screening.module';
import { ModerationResolver } from './moderation.resolver';
import { ModerationService } from './moderation.service';
import { PostModerationResolver } from './post-moderation.resolver';

@Module({
  imports: [AccountsModule, DiscussionsModule, EventsModule, ResourcesModule, ScreeningModule],
  providers: [ModerationService, ModerationResolver, CaseFieldsResolver, PostModerationResolver],
  exports: [ModerationService],
})
export class ModerationModule {}
