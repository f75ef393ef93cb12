import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ScreeningModule } from '../screening/screening.module';
import { DiscussionsResolver } from './discussions.resolver';
import { CategoriesService } from './categories.service';
import { DiscussionLoadsService } from './discussion-loads.service';
import { DraftsService } from './drafts.service';
import { SearchService } from './search.service';
import { ViewerContextLoader } from './viewer-context';
import { PostFieldsResolver } from './post-fields.resolver';
import { PostingService } from './posting.service';
import { ThreadActivityService } from './thread-activity.service';
import { ThreadReadingService } from './thread-reading.service';
import { ThreadFieldsResolver } from './thread-fields.resolver';
import { UserPostsResolver } from './user-posts.resolver';

@Module({
  imports: [AccountsModule, ScreeningModule],
  providers: [
    CategoriesService,
    ThreadReadingService,
    PostingService,
    ThreadActivityService,
    DiscussionLoadsService,
    SearchService,
    DraftsService,
    ViewerContextLoader,
    DiscussionsResolver,
    ThreadFieldsResolver,
    PostFieldsResolver,
    UserPostsResolver,
  ],
  exports: [CategoriesService, ThreadReadingService, PostingService, DiscussionLoadsService],
})
export class DiscussionsModule {}
