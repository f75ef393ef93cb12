import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { DiscussionsModule } from '../discussions/discussions.module';
import { EventsModule } from '../events/events.module';
import { ResourcesModule } from '../resources/resources.module';
import { CaseFieldsResolver } from './case-fields.resolver';
import { ScreeningModule } from '../screening/screening.module';
import { ModerationResolver } from './moderation.resolver';
import { AppealsService } from './appeals.service';
import { CaseDetailsService } from './case-details.service';
import { CasesService } from './cases.service';
import { FlagsService } from './flags.service';
import { MemberModerationService } from './member-moderation.service';
import { ModerationTargets } from './moderation-targets.service';
import { WatchedWordsService } from './watched-words.service';
import { PostModerationResolver } from './post-moderation.resolver';

@Module({
  imports: [AccountsModule, ConversationsModule, DiscussionsModule, EventsModule, ResourcesModule, ScreeningModule],
  providers: [
    ModerationTargets,
    FlagsService,
    CasesService,
    MemberModerationService,
    AppealsService,
    WatchedWordsService,
    CaseDetailsService,
    ModerationResolver,
    CaseFieldsResolver,
    PostModerationResolver,
  ],
})
export class ModerationModule {}
