import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { GraphQLContext } from '../../graphql/loaders';
import { User } from '../accounts/models/user.model';
import { UsersLoader } from '../accounts/users.loader';
import { DiscussionsService } from './discussions.service';
import { Post, toPost } from './models/post.model';
import { Thread, toThread } from './models/thread.model';

@Resolver(() => Post)
export class PostFieldsResolver {
  constructor(
    private readonly discussions: DiscussionsService,
    private readonly users: UsersLoader,
  ) {}

  @ResolveField(() => Thread)
  async thread(@Parent() post: Post, @Context() ctx: GraphQLContext): Promise<Thread> {
    const thread = await ctx.loaders
      .for('threadsById', (ids: readonly string[]) => this.discussions.threadsByIds(ids))
      .load(post.threadId);
    if (!thread) throw new Error(`post ${post.id} has no thread`);
    return toThread(thread);
  }

  @ResolveField(() => User)
  author(@Parent() post: Post, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<User> {
    return this.users.load(ctx.loaders, post.authorId, viewer);
  }

  @ResolveField(() => Post, { nullable: true, description: 'The post this one quotes, when visible to you.' })
  async replyTo(@Parent() post: Post, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<Post | null> {
    if (!post.replyToPostId) return null;
    const quoted = await ctx.loaders
      .for('postsById', (ids: readonly string[]) => this.discussions.postsByIds(ids, viewer))
      .load(post.replyToPostId);
    return quoted && toPost(quoted);
  }
}
