import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, RequireRole } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { RequestMentorInput, SaveMentorProfileInput } from './dto/mentor.inputs';
import type { PairingCheckIn, PairingStatus } from './entities/mentor-pairing.entity';
import { MentorProfilesService, toMentorProfile } from './mentor-profiles.service';
import { MentorTopicsService, toMentorTopic } from './mentor-topics.service';
import {
  Mentoring,
  MentorPairing,
  MentorProfile,
  MentorSuggestion,
  MentorTopic,
  PairingCheckInEnum,
  PairingStatusEnum,
} from './models/mentor.models';
import { PairingsService, toPairing } from './pairings.service';

/**
 * Mentoring: topics (admins manage them), offers to mentor, suggestions and requests, pairings
 * and their check-in, and staff oversight. Who may read which field of a pairing is decided in
 * mentor-fields.resolver.ts.
 */
@Resolver()
export class MentorsResolver {
  constructor(
    private readonly topics: MentorTopicsService,
    private readonly profiles: MentorProfilesService,
    private readonly pairings: PairingsService,
  ) {}

  @Query(() => [MentorTopic], {
    description: 'What mentors can help with, in order (archived ones only with includeArchived).',
  })
  async mentorTopics(
    @Args('includeArchived', { type: () => Boolean, nullable: true, defaultValue: false })
    includeArchived: boolean | null,
  ): Promise<MentorTopic[]> {
    return (await this.topics.list(includeArchived === true)).map(toMentorTopic);
  }

  @RequireRole('ADMIN')
  @Mutation(() => MentorTopic, {
    description: 'Admins: adds a topic (labels are unique whatever their case).',
  })
  async createMentorTopic(@Args('label') label: string): Promise<MentorTopic> {
    return toMentorTopic(await this.topics.create(label));
  }

  @RequireRole('ADMIN')
  @Mutation(() => MentorTopic, {
    description: 'Admins: renames a topic, or archives it (it stays on profiles and pairings that named it).',
  })
  async updateMentorTopic(
    @Args('id', { type: () => ID }) id: string,
    @Args('label', { type: () => String, nullable: true }) label: string | null,
    @Args('archived', { type: () => Boolean, nullable: true }) archived: boolean | null,
  ): Promise<MentorTopic> {
    return toMentorTopic(await this.topics.update(id, { label, archived }));
  }

  @Query(() => Mentoring, {
    description: 'Your mentoring: what you may do, your offer to mentor, and your pairings.',
  })
  myMentoring(@CurrentUser() viewer: Viewer): Promise<Mentoring> {
    return this.profiles.mentoring(viewer);
  }

  @Mutation(() => MentorProfile, {
    description:
      'Offers to mentor (or changes the offer): approved at once with a year since your recovery start date, else it waits for staff.',
  })
  async saveMentorProfile(
    @Args('input') input: SaveMentorProfileInput,
    @CurrentUser() viewer: Viewer,
  ): Promise<MentorProfile> {
    return toMentorProfile(await this.profiles.save(viewer, input));
  }

  @Mutation(() => Boolean, {
    description:
      'Stops offering to mentor; requests waiting for you are declined. False if you had no offer.',
  })
  withdrawMentorProfile(@CurrentUser() viewer: Viewer): Promise<boolean> {
    return this.profiles.withdraw(viewer);
  }

  @Query(() => [MentorSuggestion], {
    description:
      'For members in their first 6 months: up to 10 mentors, most topics in common first, then most free places.',
  })
  mentorSuggestions(
    @Args('topicIds', { type: () => [ID] }) topicIds: string[],
    @CurrentUser() viewer: Viewer,
  ): Promise<MentorSuggestion[]> {
    return this.profiles.suggestions(viewer, topicIds);
  }

  @Mutation(() => MentorPairing, {
    description: 'Asks a mentor (one request or pairing open at a time; at most 5 requests a day).',
  })
  async requestMentor(
    @Args('input') input: RequestMentorInput,
    @CurrentUser() viewer: Viewer,
  ): Promise<MentorPairing> {
    return toPairing(await this.pairings.request(viewer, input));
  }

  @Mutation(() => MentorPairing, {
    description:
      'The mentor accepts (within their capacity; opens your conversation) or declines (the mentee hears only "not available right now").',
  })
  async respondToMentorRequest(
    @Args('id', { type: () => ID }) id: string,
    @Args('accept') accept: boolean,
    @CurrentUser() viewer: Viewer,
  ): Promise<MentorPairing> {
    return toPairing(await this.pairings.respond(viewer, id, accept));
  }

  @Mutation(() => MentorPairing, {
    description:
      'Either side ends a pairing (or withdraws a request), with an optional note that only staff read.',
  })
  async endMentorPairing(
    @Args('id', { type: () => ID }) id: string,
    @Args('note', { type: () => String, nullable: true }) note: string | null,
    @CurrentUser() viewer: Viewer,
  ): Promise<MentorPairing> {
    return toPairing(await this.pairings.end(viewer, id, note));
  }

  @Mutation(() => Boolean, {
    description:
      'Your one-tap answer to the 30-day check-in (only staff read it). END_IT also ends the pairing.',
  })
  async answerMentorCheckIn(
    @Args('id', { type: () => ID }) id: string,
    @Args('answer', { type: () => PairingCheckInEnum }) answer: PairingCheckIn,
    @CurrentUser() viewer: Viewer,
  ): Promise<boolean> {
    await this.pairings.answerCheckIn(viewer, id, answer);
    return true;
  }

  @RequireRole('MODERATOR')
  @Query(() => [MentorPairing], {
    description: 'Staff: pairings, newest first (up to 200), never their conversations.',
  })
  async mentorPairings(
    @Args('status', { type: () => PairingStatusEnum, nullable: true }) status: PairingStatus | null,
  ): Promise<MentorPairing[]> {
    return (await this.pairings.staffList(status)).map(toPairing);
  }

  @RequireRole('MODERATOR')
  @Query(() => [MentorProfile], {
    description: 'Staff: offers to mentor waiting for approval, oldest first.',
  })
  async mentorsAwaitingApproval(): Promise<MentorProfile[]> {
    return (await this.profiles.awaitingApproval()).map(toMentorProfile);
  }

  @RequireRole('MODERATOR')
  @Query(() => [MentorProfile], {
    description: 'Staff: approved mentors, by display name (to pair someone directly).',
  })
  async mentors(): Promise<MentorProfile[]> {
    return (await this.profiles.approved()).map(toMentorProfile);
  }

  @RequireRole('MODERATOR')
  @Mutation(() => MentorProfile, {
    nullable: true,
    description:
      'Staff: approves an offer to mentor, or not (the offer is removed and the member thanked; null is returned).',
  })
  async approveMentor(
    @Args('userId', { type: () => ID }) userId: string,
    @Args('approve') approve: boolean,
    @CurrentUser() viewer: Viewer,
  ): Promise<MentorProfile | null> {
    const profile = await this.profiles.decide(viewer, userId, approve);
    return profile && toMentorProfile(profile);
  }

  @RequireRole('MODERATOR')
  @Mutation(() => MentorPairing, {
    description:
      'Staff: pairs an approved mentor with a mentee directly (ACTIVE at once; both told). Each is named by id or by display name.',
  })
  async pairMentor(
    @Args('mentorId', { type: () => ID, nullable: true }) mentorId: string | null,
    @Args('menteeId', { type: () => ID, nullable: true }) menteeId: string | null,
    @Args('mentorName', { type: () => String, nullable: true }) mentorName: string | null,
    @Args('menteeName', { type: () => String, nullable: true }) menteeName: string | null,
    @CurrentUser() viewer: Viewer,
  ): Promise<MentorPairing> {
    return toPairing(
      await this.pairings.pair(
        viewer,
        { id: mentorId, name: mentorName },
        { id: menteeId, name: menteeName },
      ),
    );
  }
}
