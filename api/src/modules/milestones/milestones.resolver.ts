import { Args, Context, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { Connection, PageArgs } from '../../graphql/connection';
import { defineLoader, GraphQLContext } from '../../graphql/loaders';
import { toUser, User } from '../accounts/models/user.model';
import { UsersLoader } from '../accounts/users.loader';
import { DiscussionLoadsService } from '../discussions/discussion-loads.service';
import { Thread, toThread } from '../discussions/models/thread.model';
import { CelebrationEntity } from './entities/celebration.entity';
import { CelebrateInput, Celebration, MilestoneProgress, Visibility, VisibilityEnum } from './models/milestone.models';
import { milestoneFromKey, MilestonesService } from './milestones.service';
import { DateScalar } from '../../graphql/scalars';

const CHEERED = defineLoader<string, boolean>('milestones.cheeredByViewer');
const FOLLOWING = defineLoader<string, boolean>('milestones.followingByViewer');

@ObjectType()
export class CelebrationConnection extends Connection(Celebration) {}

function toCelebration(entity: CelebrationEntity): Celebration {
  return {
    id: entity.id,
    milestone: entity.milestoneKey && entity.milestoneDate ? milestoneFromKey(entity.milestoneKey, entity.milestoneDate) : null,
    title: entity.title,
    createdAt: entity.createdAt,
    cheerCount: entity.cheerCount,
    authorId: entity.authorId,
    threadId: entity.threadId,
  } as Celebration;
}

@Resolver(() => Celebration)
export class MilestonesResolver {
  constructor(
    private readonly milestones: MilestonesService,
    private readonly discussionLoads: DiscussionLoadsService,
    private readonly users: UsersLoader,
  ) {}

  @Query(() => MilestoneProgress, { description: 'Your days, reached milestones and the next one (only you see this).' })
  myMilestones(@CurrentUser() viewer: Viewer): Promise<MilestoneProgress> {
    return this.milestones.progress(viewer.id);
  }

  @Mutation(() => MilestoneProgress, { description: 'Private: nobody is told, whatever you change.' })
  setRecoveryStart(
    @Args('date', { type: () => DateScalar }) date: string,
    @Args('visibility', { type: () => VisibilityEnum }) visibility: Visibility,
    @Args('announce') announce: boolean,
    @CurrentUser() viewer: Viewer,
  ): Promise<MilestoneProgress> {
    return this.milestones.setStart(viewer, date, visibility, announce);
  }

  @Mutation(() => Boolean, { description: 'A private reset: never announced; past celebrations stay unless you delete them.' })
  async clearRecoveryStart(@CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.milestones.clearStart(viewer);
    return true;
  }

  @Query(() => CelebrationConnection, { description: 'Celebrations, newest first.' })
  async milestoneWall(@Args() args: PageArgs, @CurrentUser() viewer: Viewer): Promise<CelebrationConnection> {
    const page = await this.milestones.wall(args, viewer);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toCelebration(e.node) })) };
  }

  @Query(() => Celebration, { nullable: true })
  async celebration(@Args('id', { type: () => ID }) id: string, @CurrentUser() viewer: Viewer): Promise<Celebration | null> {
    return toCelebration(await this.milestones.visible(id, viewer));
  }

  @Mutation(() => Celebration, { description: 'Your own milestone ("first job interview"), with a reply thread.' })
  async celebrate(@Args('input') input: CelebrateInput, @CurrentUser() viewer: Viewer): Promise<Celebration> {
    return toCelebration((await this.milestones.celebrate(input, viewer)).celebration);
  }

  @Mutation(() => Celebration, { description: 'Idempotent.' })
  async cheer(@Args('celebrationId', { type: () => ID }) celebrationId: string, @CurrentUser() viewer: Viewer): Promise<Celebration> {
    return toCelebration(await this.milestones.cheer(celebrationId, viewer));
  }

  @Mutation(() => User, { description: "You hear of a member's announced milestones." })
  async followUser(
    @Args('userId', { type: () => ID }) userId: string,
    @Args('following') following: boolean,
    @CurrentUser() viewer: Viewer,
  ): Promise<User> {
    return toUser(await this.milestones.follow(viewer, userId, following), false);
  }

  @ResolveField(() => User)
  author(@Parent() c: Celebration, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<User> {
    return this.users.load(ctx.loaders, c.authorId, viewer);
  }

  @ResolveField(() => String, { description: 'The celebration’s words (its opening post), as Markdown.' })
  async body(@Parent() c: Celebration, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<string> {
    return (await this.openingPost(c, ctx, viewer))?.body ?? '';
  }

  @ResolveField(() => String)
  async bodyHtml(@Parent() c: Celebration, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<string> {
    return (await this.openingPost(c, ctx, viewer))?.bodyHtml ?? '';
  }

  @ResolveField(() => Boolean)
  viewerCheered(@Parent() c: Celebration, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<boolean> {
    return ctx.loaders.for(CHEERED, (ids) => this.milestones.cheeredByViewer(ids, viewer.id)).load(c.id);
  }

  @ResolveField(() => Thread)
  async replies(@Parent() c: Celebration, @Context() ctx: GraphQLContext): Promise<Thread> {
    const thread = await this.discussionLoads.thread(ctx.loaders, c.threadId);
    if (!thread) throw new Error(`celebration ${c.id} has no thread`);
    return toThread(thread);
  }

  private openingPost(c: Celebration, ctx: GraphQLContext, viewer: Viewer) {
    return this.discussionLoads.openingPost(ctx.loaders, c.threadId, viewer);
  }
}

/** Milestones' contribution to a member's profile. */
@Resolver(() => User)
export class UserMilestonesResolver {
  constructor(private readonly milestones: MilestonesService, private readonly users: UsersLoader) {}

  @ResolveField(() => DateScalar, { nullable: true, description: 'Recovery start (YYYY-MM-DD): to its owner always, to members only when shared.' })
  async recoveryStart(@Parent() user: User, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer | undefined): Promise<string | null> {
    const entity = await this.users.row(ctx.loaders, user.id);
    // No viewer, no date: a field's reader is always the request's signed-in viewer.
    if (!viewer || !entity?.recoveryStart) return null;
    return entity.id === viewer.id || entity.recoveryVisibility === 'MEMBERS' ? entity.recoveryStart : null;
  }

  @ResolveField(() => Boolean, { description: 'You follow this member.' })
  viewerFollows(@Parent() user: User, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer | undefined): Promise<boolean> {
    if (!viewer) return Promise.resolve(false);
    return ctx.loaders.for(FOLLOWING, (ids) => this.milestones.followingByUserIds(ids, viewer.id)).load(user.id);
  }
}

