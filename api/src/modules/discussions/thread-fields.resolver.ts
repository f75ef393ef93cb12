import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { GraphQLContext } from '../../graphql/loaders';
import { User } from '../accounts/models/user.model';
import { UsersLoader } from '../accounts/users.loader';
import { DiscussionLoadsService } from './discussion-loads.service';
import { ThreadPostsArgs } from './dto/threads.args';
import { Category, toCategory } from './models/category.model';
import { PostConnection } from './models/post.model';
import { Thread } from './models/thread.model';
import { ThreadReadingService } from './thread-reading.service';

@Resolver(() => Thread)
export class ThreadFieldsResolver {
  constructor(
    private readonly loads: DiscussionLoadsService,
    private readonly reading: ThreadReadingService,
    private readonly users: UsersLoader,
  ) {}

  @ResolveField(() => Category)
  async category(@Parent() thread: Thread, @Context() ctx: GraphQLContext): Promise<Category> {
    const category = await this.loads.category(ctx.loaders, thread.categoryId);
    if (!category) throw new Error(`thread ${thread.id} has no category`);
    return toCategory(category);
  }

  @ResolveField(() => User)
  author(@Parent() thread: Thread, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<User> {
    return this.users.load(ctx.loaders, thread.authorId, viewer);
  }

  @ResolveField(() => Boolean, { description: 'You are notified of every reply to this thread.' })
  viewerIsWatching(@Parent() thread: Thread, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<boolean> {
    return this.loads.watching(ctx.loaders, thread.id, viewer);
  }

  @ResolveField(() => Int, { description: 'Position of the latest post you can see (for "jump to the latest").' })
  latestPosition(@Parent() thread: Thread, @CurrentUser() viewer: Viewer): Promise<number> {
    return this.reading.lastPosition(thread.id, viewer);
  }

  @ResolveField(() => PostConnection, { description: 'Posts in reply order; the opening post is position 1.' })
  posts(@Parent() thread: Thread, @Args() args: ThreadPostsArgs, @CurrentUser() viewer: Viewer): Promise<PostConnection> {
    return this.reading.threadPosts(thread.id, args, viewer);
  }
}
