import { registerEnumType } from '@nestjs/graphql';
import { CONTENT_STATUSES, NOTIFICATION_TYPES, ROLES } from '@kinship/shared';

/** GraphQL enums built from the shared constants, so api and web agree on every value. */
function enumOf<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
}

export const RoleEnum = enumOf(ROLES);
registerEnumType(RoleEnum, { name: 'Role', description: 'What a person may do in the community.' });

export const ContentStatusEnum = enumOf(CONTENT_STATUSES);
registerEnumType(ContentStatusEnum, { name: 'ContentStatus' });

export const NotificationTypeEnum = enumOf(NOTIFICATION_TYPES);
registerEnumType(NotificationTypeEnum, { name: 'NotificationType' });
