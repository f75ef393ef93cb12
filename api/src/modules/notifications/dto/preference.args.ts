import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { NOTIFICATION_TYPES } from '@kinship/shared';
import type { NotificationType } from '@kinship/shared';
import { NotificationTypeEnum } from '../../../graphql/enums';
import { EmailModeEnum } from '../models/preference.model';
import type { EmailMode } from '../notification-types';

@ArgsType()
export class SetPreferenceArgs {
  @Field(() => NotificationTypeEnum)
  @IsIn(NOTIFICATION_TYPES, { message: 'Type must be chosen from the list.' })
  type: NotificationType;

  @Field()
  @IsBoolean()
  inApp: boolean;

  @Field(() => EmailModeEnum)
  @IsIn(['OFF', 'IMMEDIATE', 'DAILY_DIGEST'], { message: 'Email must be OFF, IMMEDIATE or DAILY_DIGEST.' })
  email: EmailMode;
}

@ArgsType()
export class QuietHoursArgs {
  @Field()
  @IsBoolean()
  enabled: boolean;

  @Field(() => Int, { nullable: true, description: 'Minutes after midnight, your time (default 1320 = 22:00).' })
  @IsOptional()
  @IsInt({ message: 'Start must be a whole number of minutes.' })
  @Min(0, { message: 'Start must be between 0 and 1439.' })
  @Max(1439, { message: 'Start must be between 0 and 1439.' })
  start?: number;

  @Field(() => Int, { nullable: true, description: 'Minutes after midnight, your time (default 420 = 07:00).' })
  @IsOptional()
  @IsInt({ message: 'End must be a whole number of minutes.' })
  @Min(0, { message: 'End must be between 0 and 1439.' })
  @Max(1439, { message: 'End must be between 0 and 1439.' })
  end?: number;
}
