import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ModerationCoreModule } from '../moderation/moderation-core.module';
import { DiscussionsResolver } from './discussions.resolver';
import { DiscussionsService } from './discussions.service';
import { DraftsService } from './drafts.service';
import { SearchService } from './search.service';
import { ViewerContextLoader } from './viewer-context';
import { PostFieldsResolver } from './post-fields.resolver';
import { ThreadFieldsResolver } from './thread-fields.resolver';
import { UserPostsResolver } from './user-posts.resolver';

@Module({
  imports: [AccountsModule, ModerationCoreModule],
  providers: [
    DiscussionsService,
    SearchService,
    DraftsService,
    ViewerContextLoader,
    DiscussionsResolver,
    ThreadFieldsResolver,
    PostFieldsResolver,
    UserPostsResolver,
  ],
  exports: [DiscussionsService],
})
export class DiscussionsModule {}
