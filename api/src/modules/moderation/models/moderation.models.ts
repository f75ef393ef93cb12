import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { FlagReason } from '@kinship/shared';
import { Connection } from '../../../graphql/connection';
import { AppealEntity, AppealStatus } from '../entities/appeal.entity';
import { CaseKind, CaseStatus, FlagCaseEntity, FlagPriority, TargetType } from '../../screening/entities/flag-case.entity';
import { ModerationActionEntity, ModerationActionType } from '../../screening/entities/moderation-action.entity';
import { WatchedWordAction, WatchedWordEntity } from '../../screening/entities/watched-word.entity';

const values = <T extends string>(...v: T[]) => Object.fromEntries(v.map((x) => [x, x])) as Record<T, T>;

import { FlagReasonEnum } from '../../../graphql/enums';

export { FlagReasonEnum };
export const TargetTypeEnum = values<TargetType>('POST', 'EVENT', 'RESOURCE', 'USER', 'MESSAGE', 'CONVERSATION');
registerEnumType(TargetTypeEnum, { name: 'FlagTargetType' });
export const CaseKindEnum = values<CaseKind>('RULES', 'SUPPORT', 'CRISIS', 'PREMODERATION');
registerEnumType(CaseKindEnum, { name: 'CaseKind' });
export const CaseStatusEnum = values<CaseStatus>('OPEN', 'RESOLVED', 'DISMISSED');
registerEnumType(CaseStatusEnum, { name: 'CaseStatus' });
export const FlagPriorityEnum = values<FlagPriority>('CRISIS', 'HIGH', 'NORMAL');
registerEnumType(FlagPriorityEnum, { name: 'FlagPriority' });
export const ModerateActionEnum = values('DISMISS', 'HIDE', 'REMOVE', 'RESTORE', 'APPROVE');
registerEnumType(ModerateActionEnum, { name: 'ModerateAction' });
export type ModerateAction = keyof typeof ModerateActionEnum;
export const ModerationActionTypeEnum = values<ModerationActionType>(
  'DISMISS',
  'HIDE',
  'REMOVE',
  'RESTORE',
  'APPROVE',
  'LOCK',
  'UNLOCK',
  'PIN',
  'UNPIN',
  'WARN',
  'SUSPEND',
  'AUTO_HIDE',
  'ESCALATE',
  'APPEAL_UPHELD',
  'APPEAL_DENIED',
);
registerEnumType(ModerationActionTypeEnum, { name: 'ModerationActionType' });
export const WatchedWordActionEnum = values<WatchedWordAction>('BLOCK', 'REVIEW');
registerEnumType(WatchedWordActionEnum, { name: 'WatchedWordAction' });
export const AppealStatusEnum = values<AppealStatus>('PENDING', 'UPHELD', 'DENIED');
registerEnumType(AppealStatusEnum, { name: 'AppealStatus' });

@ObjectType()
export class FlagReasonCount {
  @Field(() => FlagReasonEnum)
  reason: FlagReason;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: "A flag's note, without who wrote it (moderators see reasons and notes, never flaggers' names)." })
export class FlagNote {
  @Field(() => FlagReasonEnum)
  reason: FlagReason;

  @Field()
  note: string;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: 'All flags (or a system alert) on one item, handled as one case.' })
export class FlagCase {
  @Field(() => ID)
  id: string;

  @Field(() => CaseKindEnum)
  kind: CaseKind;

  @Field(() => TargetTypeEnum)
  targetType: TargetType;

  @Field(() => ID)
  targetId: string;

  @Field(() => ID, { nullable: true, description: 'The member the content belongs to.' })
  targetUserId: string | null;

  @Field(() => FlagPriorityEnum)
  priority: FlagPriority;

  @Field(() => Int, { description: 'Distinct members who flagged it for a rule reason.' })
  score: number;

  @Field(() => CaseStatusEnum)
  status: CaseStatus;

  @Field(() => ID, { nullable: true })
  acknowledgedBy: string | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class FlagCaseConnection extends Connection(FlagCase) {}

export function toFlagCase(entity: FlagCaseEntity): FlagCase {
  return {
    id: entity.id,
    kind: entity.kind,
    targetType: entity.targetType,
    targetId: entity.targetId,
    targetUserId: entity.targetUserId,
    priority: entity.priority,
    score: entity.score,
    status: entity.status,
    acknowledgedBy: entity.acknowledgedById,
    acknowledgedAt: entity.acknowledgedAt,
    createdAt: entity.createdAt,
  };
}

@ObjectType({ description: 'One entry of the append-only moderation log.' })
export class ModerationAction {
  @Field(() => ID)
  id: string;

  @Field(() => ModerationActionTypeEnum)
  action: ModerationActionType;

  @Field(() => ID, { nullable: true, description: 'Null when the system acted (auto-hide, escalation).' })
  moderatorId: string | null;

  @Field()
  targetType: string;

  @Field(() => ID)
  targetId: string;

  @Field(() => ID, { nullable: true })
  targetUserId: string | null;

  @Field(() => ID, { nullable: true })
  caseId: string | null;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'A short excerpt of the content acted on.' })
  excerpt: string | null;

  @Field(() => Date, { nullable: true })
  suspendedUntil: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class ModerationActionConnection extends Connection(ModerationAction) {}

export function toModerationAction(entity: ModerationActionEntity): ModerationAction {
  return {
    id: entity.id,
    action: entity.action,
    moderatorId: entity.moderatorId,
    targetType: entity.targetType,
    targetId: entity.targetId,
    targetUserId: entity.targetUserId,
    caseId: entity.caseId,
    reason: entity.reason,
    excerpt: entity.excerpt,
    suspendedUntil: entity.suspendedUntil,
    createdAt: entity.createdAt,
  };
}

@ObjectType()
export class Appeal {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  actionId: string;

  @Field(() => ID)
  appellantId: string;

  @Field()
  text: string;

  @Field(() => AppealStatusEnum)
  status: AppealStatus;

  @Field(() => String, { nullable: true })
  decisionReason: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;
}

export function toAppeal(entity: AppealEntity): Appeal {
  return {
    id: entity.id,
    actionId: entity.actionId,
    appellantId: entity.appellantId,
    text: entity.text,
    status: entity.status,
    decisionReason: entity.decisionReason,
    createdAt: entity.createdAt,
    decidedAt: entity.decidedAt,
  };
}

@ObjectType()
export class WatchedWord {
  @Field(() => ID)
  id: string;

  @Field()
  word: string;

  @Field(() => WatchedWordActionEnum)
  action: WatchedWordAction;
}

export function toWatchedWord(entity: WatchedWordEntity): WatchedWord {
  return { id: entity.id, word: entity.word, action: entity.action };
}

@ObjectType()
export class ModeratorNote {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true })
  authorId: string | null;

  @Field()
  text: string;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: "A member's moderation history, for moderators." })
export class MemberModerationHistory {
  @Field(() => [ModerationAction], { description: 'Actions that concerned this member, newest first.' })
  actions: ModerationAction[];

  @Field(() => Int)
  warningCount: number;

  @Field(() => [ModeratorNote])
  notes: ModeratorNote[];

  @Field(() => Date, { nullable: true })
  suspendedUntil: Date | null;
}

@ObjectType({ description: 'Moderation settings in force (admins may override the deployment defaults).' })
export class ModerationSettingsModel {
  @Field(() => Int, { description: 'Distinct members whose rule flags hide an item pending review.' })
  flagHideThreshold: number;

  @Field(() => Int, { description: "How many of a member's first posts wait for approval (0: none)." })
  premodFirstPosts: number;

  @Field(() => Int, { description: 'Minutes before an unacknowledged crisis case escalates to admins.' })
  crisisEscalationMinutes: number;
}
