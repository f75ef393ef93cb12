import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { values } from '../../../graphql/enums';
import type { MentorStatus } from '../entities/mentor-profile.entity';
import type { PairingCheckIn, PairingStatus } from '../entities/mentor-pairing.entity';

export const PairingStatusEnum = values<PairingStatus>('REQUESTED', 'ACTIVE', 'DECLINED', 'ENDED');
registerEnumType(PairingStatusEnum, {
  name: 'PairingStatus',
  description:
    'REQUESTED until the mentor answers; ACTIVE while paired; DECLINED (the mentor was not available); ENDED by either side (a request the mentee withdrew ends without ever starting).',
});

export const PairingCheckInEnum = values<PairingCheckIn>('GOING_WELL', 'COULD_BE_BETTER', 'END_IT');
registerEnumType(PairingCheckInEnum, {
  name: 'PairingCheckIn',
  description:
    'The one-tap answer to "how is mentoring going?" (staff read it; the other side never does). END_IT also ends the pairing.',
});

export const MentorStatusEnum = values<MentorStatus>('PENDING', 'APPROVED');
registerEnumType(MentorStatusEnum, {
  name: 'MentorStatus',
  description:
    'PENDING: waiting for staff (offered before a year since the recovery start date); APPROVED: suggested to newcomers while available.',
});

@ObjectType({
  description: 'Something a mentor can help with ("Returning to work"); admins manage the list.',
})
export class MentorTopic {
  @Field(() => ID)
  id: string;

  @Field()
  label: string;

  @Field({
    description:
      'Archived topics are no longer offered, but stay on the profiles and pairings that named them.',
  })
  archived: boolean;
}

@ObjectType({ description: "A member's offer to mentor. Read by its member and by staff." })
export class MentorProfile {
  @Field(() => ID)
  userId: string;

  @Field({ description: 'A short "about me": what newcomers see, with the display name.' })
  about: string;

  @Field(() => Int, { description: 'How many mentees at once (1-3).' })
  capacity: number;

  @Field({ description: 'False while the mentor is not taking new mentees.' })
  available: boolean;

  @Field(() => MentorStatusEnum)
  status: MentorStatus;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  approvedAt: Date | null;

  /** Resolved by field resolvers (user, topics). */
  topicIds: string[];
}

@ObjectType({
  description:
    'A mentor suggested to a newcomer: their display name, "about me" and topics only (never a date), with how well they match.',
})
export class MentorSuggestion {
  @Field(() => ID)
  mentorId: string;

  @Field()
  displayName: string;

  @Field()
  about: string;

  @Field(() => Int, { description: 'How many of the topics asked for this mentor helps with.' })
  overlap: number;

  @Field(() => Int, { description: 'How many more mentees they can take now.' })
  freeSlots: number;

  /** Resolved by a field resolver (topics). */
  topicIds: string[];
}

@ObjectType({
  description:
    'A mentor and a mentee. Participants read the note and the conversation; staff read the dates, the check-in answers and the end note, never the conversation.',
})
export class MentorPairing {
  @Field(() => ID)
  id: string;

  @Field(() => PairingStatusEnum)
  status: PairingStatus;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  endedAt: Date | null;

  @Field({ description: 'True when staff paired them directly.' })
  pairedByStaff: boolean;

  /** The rest is read through field resolvers, each deciding who may see it. */
  mentorId: string;
  menteeId: string;
  topicIds: string[];
  note: string | null;
  conversationId: string | null;
  checkInSentAt: Date | null;
  mentorCheckIn: PairingCheckIn | null;
  menteeCheckIn: PairingCheckIn | null;
  endNote: string | null;
  endedById: string | null;
}

@ObjectType({
  description: 'Mentoring as the viewer stands in it: what they may do, their offer and their pairings.',
})
export class Mentoring {
  @Field({
    description:
      'True when an offer to mentor is approved at once: a year or more since the recovery start date, or staff approved it. Anyone may offer (saveMentorProfile); otherwise it waits for staff.',
  })
  canOffer: boolean;

  @Field({
    description: 'True when an offer to mentor would wait for staff approval (the opposite of canOffer).',
  })
  offerNeedsApproval: boolean;

  @Field({
    description:
      'True in the first 6 months since the recovery start date (or, with no date, since joining): the member may ask for a mentor.',
  })
  canAsk: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why the member cannot ask for a mentor; null when they can.',
  })
  askReason: string | null;

  @Field(() => MentorProfile, { nullable: true, description: 'Their own offer to mentor, if they made one.' })
  profile: MentorProfile | null;

  @Field(() => MentorPairing, {
    nullable: true,
    description: 'Their open request or pairing as a mentee, else the latest one.',
  })
  asMentee: MentorPairing | null;

  @Field(() => [MentorPairing], {
    description: 'Requests to them waiting for an answer, and their active mentees.',
  })
  asMentor: MentorPairing[];
}
