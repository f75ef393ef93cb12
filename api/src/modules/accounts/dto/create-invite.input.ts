import { Field, InputType, Int } from '@nestjs/graphql';
import { IsEmail, IsIn, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { LIMITS, ROLES } from '@kinship/shared';
import type { Role } from '@kinship/shared';
import { Trim } from '../../../common/validators';
import { RoleEnum } from '../../../graphql/enums';

@InputType()
export class CreateInviteInput {
  @Field(() => String, { nullable: true, description: 'When set, only this address can use the code.' })
  @Trim()
  @IsOptional()
  @IsEmail({}, { message: 'Email must be a valid email address.' })
  @MaxLength(LIMITS.emailMax, { message: `Email can be at most ${LIMITS.emailMax} characters.` })
  email?: string;

  @Field(() => RoleEnum, { defaultValue: 'MEMBER' })
  @IsIn(ROLES, { message: 'Role must be MEMBER, MODERATOR or ADMIN.' })
  role: Role = 'MEMBER';

  @Field(() => Int, { defaultValue: 14 })
  @IsInt({ message: 'Expires in days must be a whole number.' })
  @Min(LIMITS.inviteDaysMin, { message: `Expires in days must be at least ${LIMITS.inviteDaysMin}.` })
  @Max(LIMITS.inviteDaysMax, { message: `Expires in days can be at most ${LIMITS.inviteDaysMax}.` })
  expiresInDays: number = 14;
}
