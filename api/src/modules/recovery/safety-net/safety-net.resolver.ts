import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../auth/decorators';
import { Viewer } from '../../../auth/viewer';
import { defineLoader, GraphQLContext } from '../../../graphql/loaders';
import { User } from '../../accounts/models/user.model';
import { UsersLoader } from '../../accounts/users.loader';
import { ReachOutEntity } from './entities/reach-out.entity';
import { ReachOut, SafetyPlan, SafetyPlanInput, SupportLink } from './models/safety-net.models';
import { SafetyNetService, toReachOut, toSupportLink } from './safety-net.service';

const OPEN_REACH_OUT = defineLoader<string, ReachOutEntity | null>('safetyNet.openReachOutByLink');

/** The plan, my people and "Reach out": every operation reads and writes the viewer's own only. */
@Resolver(() => SupportLink)
export class SafetyNetResolver {
  constructor(
    private readonly safetyNet: SafetyNetService,
    private readonly users: UsersLoader,
  ) {}

  @Query(() => SafetyPlan, { description: 'Your plan for hard moments (only you see it).' })
  mySafetyPlan(@CurrentUser() viewer: Viewer): Promise<SafetyPlan> {
    return this.safetyNet.plan(viewer.id);
  }

  @Mutation(() => SafetyPlan, { description: 'Saves every step of your plan at once.' })
  saveSafetyPlan(@Args('input') input: SafetyPlanInput, @CurrentUser() viewer: Viewer): Promise<SafetyPlan> {
    return this.safetyNet.savePlan(viewer.id, input);
  }

  @Query(() => [SupportLink], { description: 'The people you asked to support you, with whether they accepted.' })
  async mySupportPeople(@CurrentUser() viewer: Viewer): Promise<SupportLink[]> {
    return (await this.safetyNet.mySupportPeople(viewer.id)).map(toSupportLink);
  }

  @Query(() => [SupportLink], { description: 'Requests to you, and the members you support.' })
  async peopleISupport(@CurrentUser() viewer: Viewer): Promise<SupportLink[]> {
    return (await this.safetyNet.peopleISupport(viewer.id)).map(toSupportLink);
  }

  @Mutation(() => SupportLink, { description: 'Asks a member, by display name, to be one of your people (up to 5, requests included).' })
  async askSupportPerson(@Args('displayName') displayName: string, @CurrentUser() viewer: Viewer): Promise<SupportLink> {
    return toSupportLink(await this.safetyNet.ask(viewer, displayName));
  }

  @Mutation(() => SupportLink, { nullable: true, description: 'Accept (the link is returned) or decline (null; the request is gone).' })
  async respondToSupportRequest(
    @Args('id', { type: () => ID }) id: string,
    @Args('accept') accept: boolean,
    @CurrentUser() viewer: Viewer,
  ): Promise<SupportLink | null> {
    const link = await this.safetyNet.respond(viewer, id, accept);
    return link && toSupportLink(link);
  }

  @Mutation(() => Boolean, { description: 'Either side ends it at any time; nobody is told why.' })
  async endSupport(@Args('id', { type: () => ID }) id: string, @CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.safetyNet.end(viewer, id);
    return true;
  }

  @Mutation(() => ReachOut, { description: 'Tells your people at once that you would like to talk (once every 10 minutes).' })
  async reachOut(@CurrentUser() viewer: Viewer): Promise<ReachOut> {
    return toReachOut(await this.safetyNet.reachOut(viewer));
  }

  @Query(() => [ReachOut], { description: 'Your reach-outs, newest first (only you see them).' })
  async myReachOuts(@CurrentUser() viewer: Viewer): Promise<ReachOut[]> {
    return (await this.safetyNet.myReachOuts(viewer.id)).map(toReachOut);
  }

  @Mutation(() => ReachOut, { description: '"I\'ve reached out": for the support people of the member who reached out.' })
  async markReachedOut(@Args('id', { type: () => ID }) id: string, @CurrentUser() viewer: Viewer): Promise<ReachOut> {
    return toReachOut(await this.safetyNet.markReachedOut(viewer, id));
  }

  @ResolveField(() => User)
  member(@Parent() link: SupportLink, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<User> {
    return this.users.load(ctx.loaders, link.memberId, viewer);
  }

  @ResolveField(() => User)
  supporter(@Parent() link: SupportLink, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<User> {
    return this.users.load(ctx.loaders, link.supporterId, viewer);
  }

  @ResolveField(() => ReachOut, { nullable: true, description: 'The member’s newest reach-out nobody has answered yet, while the link is ACTIVE.' })
  async openReachOut(@Parent() link: SupportLink, @Context() ctx: GraphQLContext): Promise<ReachOut | null> {
    const open = await ctx.loaders.for(OPEN_REACH_OUT, (ids) => this.safetyNet.openReachOutsByLinkIds(ids)).load(link.id);
    return open && toReachOut(open);
  }
}

@Resolver(() => ReachOut)
export class ReachOutFieldsResolver {
  constructor(private readonly users: UsersLoader) {}

  @ResolveField(() => User, {
    nullable: true,
    description: 'Who marked "I\'ve reached out": shown to the member who reached out and to that person only.',
  })
  async answeredBy(@Parent() r: ReachOut, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<User | null> {
    // Another support person must not learn who else the member chose.
    if (!r.answeredById || (viewer.id !== r.memberId && viewer.id !== r.answeredById)) return null;
    return this.users.load(ctx.loaders, r.answeredById, viewer);
  }
}
