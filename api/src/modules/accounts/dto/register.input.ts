import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { LIMITS } from '@kinship/shared';
import { IsDisplayName, IsTimeZone, Trim } from '../../../common/validators';

@InputType()
export class RegisterInput {
  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Invite code is required.' })
  @MaxLength(40, { message: 'Invite code is not valid.' })
  inviteCode: string;

  @Field()
  @Trim()
  @IsEmail({}, { message: 'Email must be a valid email address.' })
  @MaxLength(LIMITS.emailMax, { message: `Email can be at most ${LIMITS.emailMax} characters.` })
  email: string;

  @Field()
  @IsString()
  @Length(LIMITS.passwordMin, LIMITS.passwordMax, {
    message: `Password must be between ${LIMITS.passwordMin} and ${LIMITS.passwordMax} characters.`,
  })
  password: string;

  @Field()
  @Trim()
  @IsDisplayName()
  displayName: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}
