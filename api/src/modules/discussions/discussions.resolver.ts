import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, RequireRole } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { DiscussionsService } from './discussions.service';
import { CreateCategoryInput } from './dto/create-category.input';
import { CreateThreadInput } from './dto/create-thread.input';
import { ReplyInput } from './dto/reply.input';
import { ThreadsArgs } from './dto/threads.args';
import { Category, toCategory } from './models/category.model';
import { PostResult } from './models/post-result.model';
import { toPost } from './models/post.model';
import { Thread, ThreadConnection, toThread } from './models/thread.model';

@Resolver()
export class DiscussionsResolver {
  constructor(private readonly discussions: DiscussionsService) {}

  @Query(() => [Category])
  async categories(): Promise<Category[]> {
    return (await this.discussions.categories()).map(toCategory);
  }

  @RequireRole('ADMIN')
  @Mutation(() => Category)
  async createCategory(@Args('input') input: CreateCategoryInput): Promise<Category> {
    return toCategory(await this.discussions.createCategory(input));
  }

  @Query(() => ThreadConnection, { description: 'Pinned first, then latest activity.' })
  threads(@Args() args: ThreadsArgs): Promise<ThreadConnection> {
    return this.discussions.threads(args);
  }

  @Query(() => Thread, { nullable: true })
  async thread(@Args('id', { type: () => ID }) id: string): Promise<Thread | null> {
    const thread = await this.discussions.findThread(id);
    return thread && toThread(thread);
  }

  @Mutation(() => PostResult)
  async createThread(@Args('input') input: CreateThreadInput, @CurrentUser() viewer: Viewer): Promise<PostResult> {
    return { post: toPost(await this.discussions.createThread(input, viewer)), safetyResources: [] };
  }

  @Mutation(() => PostResult)
  async reply(@Args('input') input: ReplyInput, @CurrentUser() viewer: Viewer): Promise<PostResult> {
    return { post: toPost(await this.discussions.reply(input, viewer)), safetyResources: [] };
  }
}
