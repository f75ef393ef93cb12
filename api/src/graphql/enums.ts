import { registerEnumType } from '@nestjs/graphql';
import { CONTENT_STATUSES, FLAG_REASONS, NOTIFICATION_TYPES, REACTION_KINDS, ROLES, SENSITIVE_TOPICS } from '@kinship/shared';

/** GraphQL enums built from the shared constants, so api and web agree on every value. */
function enumOf<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
}

/** A GraphQL enum's value map from its values (for enums of one domain's own types). */
export const values = <T extends string>(...v: T[]): Record<T, T> => enumOf(v);

export const RoleEnum = enumOf(ROLES);
registerEnumType(RoleEnum, { name: 'Role', description: 'What a person may do in the community.' });

export const ContentStatusEnum = enumOf(CONTENT_STATUSES);
registerEnumType(ContentStatusEnum, { name: 'ContentStatus' });

export const NotificationTypeEnum = enumOf(NOTIFICATION_TYPES);
registerEnumType(NotificationTypeEnum, { name: 'NotificationType' });

export const SensitiveTopicEnum = enumOf(SENSITIVE_TOPICS);
registerEnumType(SensitiveTopicEnum, {
  name: 'SensitiveTopic',
  description: 'Sensitive subjects a post can be tagged with; members can collapse the ones they choose.',
});

export const ReactionKindEnum = enumOf(REACTION_KINDS);
registerEnumType(ReactionKindEnum, { name: 'ReactionKind', description: 'Support, a hug, or strength: never a bare like.' });

export const FlagReasonEnum = enumOf(FLAG_REASONS);
registerEnumType(FlagReasonEnum, { name: 'FlagReason', description: 'SUPPORT: "this person may need support"; never hides.' });
