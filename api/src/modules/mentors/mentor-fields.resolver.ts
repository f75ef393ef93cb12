import { Context, ID, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { hasRole } from '@kinship/shared';
import { CurrentUser } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { defineLoader, GraphQLContext } from '../../graphql/loaders';
import { User } from '../accounts/models/user.model';
import { UsersLoader } from '../accounts/users.loader';
import type { PairingCheckIn } from './entities/mentor-pairing.entity';
import { MentorProfilesService } from './mentor-profiles.service';
import { sideOf } from './mentor-rules';
import { MentorTopicsService } from './mentor-topics.service';
import {
  MentorPairing,
  MentorProfile,
  MentorSuggestion,
  MentorTopic,
  PairingCheckInEnum,
} from './models/mentor.models';

const TOPICS = defineLoader<string, MentorTopic | null>('mentors.topicsById');
const ACTIVE_MENTEES = defineLoader<string, number>('mentors.activeMenteesByMentor');

/** The topics named by `ids`, through the request's loader (one query however many pairings). */
async function topicsOf(
  topics: MentorTopicsService,
  ctx: GraphQLContext,
  ids: string[],
): Promise<MentorTopic[]> {
  const found = await ctx.loaders.for(TOPICS, (keys) => topics.byIds(keys)).loadMany(ids);
  return found.filter((t): t is MentorTopic => t !== null && !(t instanceof Error));
}

const isParticipant = (p: MentorPairing, viewer: Viewer) => sideOf(p, viewer.id) !== null;

/** Staff read a pairing's oversight fields, unless they are in it: the other side never reads them. */
const readsOversight = (p: MentorPairing, viewer: Viewer) =>
  hasRole(viewer.role, 'MODERATOR') && !isParticipant(p, viewer);

/**
 * Who reads what of a pairing: the two in it read the note, the conversation and whether a
 * check-in waits for them; staff (not in it) read the check-in answers, who ended it and the end
 * note, never the note or the conversation. Everyone who reads a pairing reads its dates.
 */
@Resolver(() => MentorPairing)
export class MentorPairingFieldsResolver {
  constructor(
    private readonly users: UsersLoader,
    private readonly topicList: MentorTopicsService,
  ) {}

  @ResolveField(() => User)
  mentor(
    @Parent() p: MentorPairing,
    @Context() ctx: GraphQLContext,
    @CurrentUser() viewer: Viewer,
  ): Promise<User> {
    return this.users.load(ctx.loaders, p.mentorId, viewer);
  }

  @ResolveField(() => User)
  mentee(
    @Parent() p: MentorPairing,
    @Context() ctx: GraphQLContext,
    @CurrentUser() viewer: Viewer,
  ): Promise<User> {
    return this.users.load(ctx.loaders, p.menteeId, viewer);
  }

  @ResolveField(() => [MentorTopic], { description: 'What the mentee asked for help with.' })
  topics(@Parent() p: MentorPairing, @Context() ctx: GraphQLContext): Promise<MentorTopic[]> {
    return topicsOf(this.topicList, ctx, p.topicIds);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: "The mentee's note with the request: the mentor and the mentee only.",
  })
  note(@Parent() p: MentorPairing, @CurrentUser() viewer: Viewer): string | null {
    return isParticipant(p, viewer) ? p.note : null;
  }

  @ResolveField(() => ID, {
    nullable: true,
    description: 'Their MENTORING conversation: the mentor and the mentee only (null for staff).',
  })
  conversationId(@Parent() p: MentorPairing, @CurrentUser() viewer: Viewer): string | null {
    return isParticipant(p, viewer) ? p.conversationId : null;
  }

  @ResolveField(() => Date, {
    nullable: true,
    description: 'When you were asked how it is going (participants only).',
  })
  checkInAskedAt(@Parent() p: MentorPairing, @CurrentUser() viewer: Viewer): Date | null {
    return isParticipant(p, viewer) ? p.checkInSentAt : null;
  }

  @ResolveField(() => Boolean, {
    description: 'True while the 30-day check-in waits for your answer (participants only).',
  })
  checkInDue(@Parent() p: MentorPairing, @CurrentUser() viewer: Viewer): boolean {
    const side = sideOf(p, viewer.id);
    if (side === null || p.status !== 'ACTIVE' || p.checkInSentAt === null) return false;
    return (side === 'MENTOR' ? p.mentorCheckIn : p.menteeCheckIn) === null;
  }

  @ResolveField(() => PairingCheckInEnum, {
    nullable: true,
    description: "Staff only: the mentor's check-in answer.",
  })
  mentorCheckIn(@Parent() p: MentorPairing, @CurrentUser() viewer: Viewer): PairingCheckIn | null {
    return readsOversight(p, viewer) ? p.mentorCheckIn : null;
  }

  @ResolveField(() => PairingCheckInEnum, {
    nullable: true,
    description: "Staff only: the mentee's check-in answer.",
  })
  menteeCheckIn(@Parent() p: MentorPairing, @CurrentUser() viewer: Viewer): PairingCheckIn | null {
    return readsOversight(p, viewer) ? p.menteeCheckIn : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'Staff only: the note left when it was ended.' })
  endNote(@Parent() p: MentorPairing, @CurrentUser() viewer: Viewer): string | null {
    return readsOversight(p, viewer) ? p.endNote : null;
  }

  @ResolveField(() => User, {
    nullable: true,
    description: 'Staff only: who ended or declined it (null when a block or a withdrawn offer did).',
  })
  async endedBy(
    @Parent() p: MentorPairing,
    @Context() ctx: GraphQLContext,
    @CurrentUser() viewer: Viewer,
  ): Promise<User | null> {
    if (!p.endedById || !readsOversight(p, viewer)) return null;
    return this.users.load(ctx.loaders, p.endedById, viewer);
  }
}

@Resolver(() => MentorProfile)
export class MentorProfileFieldsResolver {
  constructor(
    private readonly users: UsersLoader,
    private readonly topicList: MentorTopicsService,
    private readonly profiles: MentorProfilesService,
  ) {}

  @ResolveField(() => Int, {
    description: 'How many mentees they have now (active pairings), out of their capacity.',
  })
  activeMentees(@Parent() p: MentorProfile, @Context() ctx: GraphQLContext): Promise<number> {
    return ctx.loaders.for(ACTIVE_MENTEES, (ids) => this.profiles.activeMentees(ids)).load(p.userId);
  }

  @ResolveField(() => User)
  user(
    @Parent() p: MentorProfile,
    @Context() ctx: GraphQLContext,
    @CurrentUser() viewer: Viewer,
  ): Promise<User> {
    return this.users.load(ctx.loaders, p.userId, viewer);
  }

  @ResolveField(() => [MentorTopic], { description: 'What they can help with.' })
  topics(@Parent() p: MentorProfile, @Context() ctx: GraphQLContext): Promise<MentorTopic[]> {
    return topicsOf(this.topicList, ctx, p.topicIds);
  }
}

@Resolver(() => MentorSuggestion)
export class MentorSuggestionFieldsResolver {
  constructor(private readonly topicList: MentorTopicsService) {}

  @ResolveField(() => [MentorTopic], { description: 'What they can help with.' })
  topics(@Parent() s: MentorSuggestion, @Context() ctx: GraphQLContext): Promise<MentorTopic[]> {
    return topicsOf(this.topicList, ctx, s.topicIds);
  }
}
