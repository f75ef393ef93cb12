import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../../graphql/connection';
import { values } from '../../../graphql/enums';
import { SafetyResource } from '../../discussions/models/post-result.model';
import type { ConversationKind } from '../entities/conversation.entity';
import type { MemberStatus } from '../entities/conversation-member.entity';

export const ConversationKindEnum = values<ConversationKind>('DIRECT', 'MENTORING', 'CARE');
registerEnumType(ConversationKindEnum, { name: 'ConversationKind' });

/** How a participant stands, as the viewer may know it: a decline reads only NOT_ACCEPTED. */
export type ParticipantState = 'ACTIVE' | 'PENDING' | 'NOT_ACCEPTED' | 'LEFT';
export const ParticipantStateEnum = values<ParticipantState>('ACTIVE', 'PENDING', 'NOT_ACCEPTED', 'LEFT');
registerEnumType(ParticipantStateEnum, { name: 'ParticipantState' });

export function participantState(status: MemberStatus): ParticipantState {
  switch (status) {
    case 'ACTIVE':
      return 'ACTIVE';
    case 'REQUESTED':
      return 'PENDING';
    case 'DECLINED':
      return 'NOT_ACCEPTED';
    case 'LEFT':
      return 'LEFT';
  }
}

@ObjectType()
export class ConversationParticipant {
  userId: string;

  @Field(() => ParticipantStateEnum)
  state: ParticipantState;
}

@ObjectType({ description: 'One private message. Only the conversation’s participants read it.' })
export class Message {
  @Field(() => ID)
  id: string;

  conversationId: string;
  authorId: string | null;

  @Field(() => String, { nullable: true, description: 'Sanitized HTML; null once removed.' })
  bodyHtml: string | null;

  @Field({ description: 'Deleted by its author, or removed by a moderator after a report: shown as removed.' })
  removed: boolean;

  @Field({ description: 'A watched word held it: only its author sees it until a moderator approves it.' })
  heldForReview: boolean;

  @Field()
  mine: boolean;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class MessageConnection extends Connection(Message) {}

@ObjectType({ description: 'A private conversation of 2 to 6 people. Nobody but its participants reads it, whatever their role.' })
export class Conversation {
  @Field(() => ID)
  id: string;

  @Field(() => ConversationKindEnum)
  kind: ConversationKind;

  @Field()
  createdAt: Date;

  @Field()
  lastMessageAt: Date;

  @Field({ description: 'True while this is a request to the viewer, not yet accepted.' })
  isRequest: boolean;

  @Field()
  muted: boolean;

  @Field(() => Int, { description: 'Messages from others since the viewer last read it.' })
  unreadCount: number;

  @Field({ description: 'The viewer started it.' })
  startedByMe: boolean;

  createdById: string | null;
}

@ObjectType()
export class ConversationConnection extends Connection(Conversation) {}

@ObjectType({ description: 'Whether the viewer can write in a conversation now, and if not, why (in words for them).' })
export class SendState {
  @Field()
  canSend: boolean;

  @Field(() => String, { nullable: true })
  reason: string | null;
}

@ObjectType()
export class MessageResult {
  @Field(() => Message)
  message: Message;

  @Field(() => Conversation)
  conversation: Conversation;

  @Field(() => [SafetyResource], { description: 'Non-empty when the text reads as a crisis.' })
  safetyResources: SafetyResource[];
}

@ObjectType()
export class MessageSettings {
  @Field({ description: 'Off: only staff, your mentor or mentees, your support people and people you accepted can write to you.' })
  allowRequests: boolean;
}

/** Who the viewer can write to, for a "Message" button on a profile. */
export type MessageReach = 'DIRECT' | 'REQUEST' | 'NONE';
export const MessageReachEnum = values<MessageReach>('DIRECT', 'REQUEST', 'NONE');
registerEnumType(MessageReachEnum, { name: 'MessageReach' });

@ObjectType({ description: 'A message a moderator may read: one a report shared, or the one a crisis or review case is about.' })
export class CaseMessage {
  @Field(() => ID)
  id: string;

  authorId: string | null;

  @Field(() => String, { nullable: true })
  bodyHtml: string | null;

  @Field({ description: 'One of the reported messages (the others are the five before, for context).' })
  reported: boolean;

  @Field()
  removed: boolean;

  @Field()
  createdAt: Date;
}
