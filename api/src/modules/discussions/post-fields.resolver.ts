import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { hasRole } from '@kinship/shared';
import { CurrentUser } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { GraphQLContext } from '../../graphql/loaders';
import { User } from '../accounts/models/user.model';
import { UsersLoader } from '../accounts/users.loader';
import { DiscussionLoadsService } from './discussion-loads.service';
import { Post, PostRevision, ReactionCount, toPost } from './models/post.model';
import { Thread, toThread } from './models/thread.model';
import { editDecision } from './posting-rules';
import { ViewerContextLoader } from './viewer-context';

/**
 * Everything on a post that depends on who is looking, batched per request so a page of 50 posts
 * costs the same handful of queries as a page of 10.
 */
@Resolver(() => Post)
export class PostFieldsResolver {
  constructor(
    private readonly loads: DiscussionLoadsService,
    private readonly users: UsersLoader,
    private readonly viewerContext: ViewerContextLoader,
  ) {}

  @ResolveField(() => Boolean, { description: 'The author is on the other side of a block with you: the text is withheld.' })
  async hiddenByBlock(@Parent() post: Post, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<boolean> {
    return (await this.viewerContext.load(ctx.loaders, viewer)).separated.has(post.authorId);
  }

  @ResolveField(() => String, { description: 'The Markdown as written; empty when deleted or hidden by a block.' })
  async body(@Parent() post: Post, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<string> {
    return (await this.withheld(post, ctx, viewer)) ? '' : post.rawBody;
  }

  @ResolveField(() => String, { description: 'The Markdown rendered to sanitized HTML; empty when withheld.' })
  async bodyHtml(@Parent() post: Post, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<string> {
    return (await this.withheld(post, ctx, viewer)) ? '' : post.rawBodyHtml;
  }

  @ResolveField(() => Boolean, {
    description: 'Show collapsed behind a "show" control: the post carries a warning or a topic you filter.',
  })
  async collapsed(@Parent() post: Post, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<boolean> {
    if (post.contentWarning) return true;
    const { topicFilters } = await this.viewerContext.load(ctx.loaders, viewer);
    return post.topics.some((topic) => topicFilters.has(topic));
  }

  @ResolveField(() => [ReactionCount])
  reactions(@Parent() post: Post, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<ReactionCount[]> {
    return this.loads.reactions(ctx.loaders, post.id, viewer);
  }

  @ResolveField(() => Boolean, { description: 'You wrote it and its edit window is open.' })
  async viewerCanEdit(@Parent() post: Post, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<boolean> {
    if (post.authorId !== viewer.id || post.deleted) return false;
    const me = await this.users.load(ctx.loaders, viewer.id, viewer);
    return editDecision(post.createdAt, me.joinedAt) !== 'expired';
  }

  @ResolveField(() => [PostRevision], { nullable: true, description: 'Earlier texts, newest first: moderators only.' })
  async revisions(@Parent() post: Post, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<PostRevision[] | null> {
    if (!hasRole(viewer.role, 'MODERATOR')) return null;
    return this.loads.revisions(ctx.loaders, post.id);
  }

  @ResolveField(() => Thread)
  async thread(@Parent() post: Post, @Context() ctx: GraphQLContext): Promise<Thread> {
    const thread = await this.loads.thread(ctx.loaders, post.threadId);
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
    const quoted = await this.loads.post(ctx.loaders, post.replyToPostId, viewer);
    return quoted && toPost(quoted);
  }

  /** Deleted posts show only to moderators; a block withholds the text from both sides (not from moderators). */
  private async withheld(post: Post, ctx: GraphQLContext, viewer: Viewer): Promise<boolean> {
    if (hasRole(viewer.role, 'MODERATOR')) return false;
    if (post.deleted) return true;
    return (await this.viewerContext.load(ctx.loaders, viewer)).separated.has(post.authorId);
  }
}
