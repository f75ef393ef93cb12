import { Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { GraphQLContext } from '../../graphql/loaders';
import { User } from '../accounts/models/user.model';
import { UsersLoader } from '../accounts/users.loader';
import { DiscussionsService } from '../discussions/discussions.service';
import { Post, toPost } from '../discussions/models/post.model';
import { FlagCase, FlagNote, FlagReasonCount } from './models/moderation.models';
import { ModerationService } from './moderation.service';

/** What a moderator needs to decide a case, batched across the queue page. */
@Resolver(() => FlagCase)
export class CaseFieldsResolver {
  constructor(
    private readonly moderation: ModerationService,
    private readonly discussions: DiscussionsService,
    private readonly users: UsersLoader,
  ) {}

  @ResolveField(() => [FlagReasonCount])
  reasons(@Parent() c: FlagCase, @Context() ctx: GraphQLContext): Promise<FlagReasonCount[]> {
    return ctx.loaders
      .for('caseReasons', (ids: readonly string[]) => this.moderation.reasonsByCaseIds(ids))
      .load(c.id) as Promise<FlagReasonCount[]>;
  }

  @ResolveField(() => Int, { description: 'All flags on the item, support flags included.' })
  async flagCount(@Parent() c: FlagCase, @Context() ctx: GraphQLContext): Promise<number> {
    return (await this.reasons(c, ctx)).reduce((sum, r) => sum + r.count, 0);
  }

  @ResolveField(() => [FlagNote], { description: "Flaggers' notes, without their names." })
  notes(@Parent() c: FlagCase, @Context() ctx: GraphQLContext): Promise<FlagNote[]> {
    return ctx.loaders
      .for('caseNotes', (ids: readonly string[]) => this.moderation.notesByCaseIds(ids))
      .load(c.id) as Promise<FlagNote[]>;
  }

  @ResolveField(() => Post, { nullable: true, description: 'The post, for POST cases (its thread gives the context).' })
  async post(@Parent() c: FlagCase, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<Post | null> {
    if (c.targetType !== 'POST') return null;
    const post = await ctx.loaders
      .for('postsById', (ids: readonly string[]) => this.discussions.postsByIds(ids, viewer))
      .load(c.targetId);
    return post && toPost(post);
  }

  @ResolveField(() => User, { nullable: true, description: 'Whose content or profile this is.' })
  async targetUser(@Parent() c: FlagCase, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<User | null> {
    return c.targetUserId ? this.users.load(ctx.loaders, c.targetUserId, viewer) : null;
  }

  @ResolveField(() => Int, { description: "The member's warnings so far (withdrawn ones not counted)." })
  priorWarnings(@Parent() c: FlagCase, @Context() ctx: GraphQLContext): Promise<number> {
    if (!c.targetUserId) return Promise.resolve(0);
    return ctx.loaders
      .for('warningCounts', (ids: readonly string[]) => this.moderation.warningCountsByUserIds(ids))
      .load(c.targetUserId) as Promise<number>;
  }

  @ResolveField(() => User, { nullable: true, description: 'The moderator who took the case.' })
  async acknowledgedByUser(@Parent() c: FlagCase, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<User | null> {
    return c.acknowledgedBy ? this.users.load(ctx.loaders, c.acknowledgedBy, viewer) : null;
  }
}
