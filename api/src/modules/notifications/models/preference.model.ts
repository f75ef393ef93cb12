import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { NotificationType } from '@kinship/shared';
import { NotificationTypeEnum } from '../../../graphql/enums';
import type { EmailMode } from '../notification-types';

export const EmailModeEnum = { OFF: 'OFF', IMMEDIATE: 'IMMEDIATE', DAILY_DIGEST: 'DAILY_DIGEST' } as const;
registerEnumType(EmailModeEnum, { name: 'EmailMode' });

@ObjectType()
export class NotificationPreference {
  @Field(() => NotificationTypeEnum)
  type: NotificationType;

  @Field({ description: 'What the settings page calls this kind of notification.' })
  label: string;

  @Field()
  inApp: boolean;

  @Field(() => EmailModeEnum)
  email: EmailMode;
}

@ObjectType()
export class QuietHours {
  @Field()
  enabled: boolean;

  @Field(() => Int, { description: 'Minutes after midnight in your time zone.' })
  start: number;

  @Field(() => Int)
  end: number;
}
