import { Field, InputType } from '@nestjs/graphql';
import { IsNotEmpty, IsString, Length, MaxLength } from 'class-validator';
import { LIMITS } from '@kinship/shared';
import { Trim } from '../../../common/validators';

const NEW_PASSWORD_LENGTH = `New password must be between ${LIMITS.passwordMin} and ${LIMITS.passwordMax} characters.`;

@InputType()
export class ChangePasswordInput {
  @Field()
  @IsString()
  @IsNotEmpty({ message: 'Current password is required.' })
  @MaxLength(LIMITS.passwordMax, { message: 'Current password is not correct.' })
  currentPassword: string;

  @Field()
  @IsString()
  @Length(LIMITS.passwordMin, LIMITS.passwordMax, { message: NEW_PASSWORD_LENGTH })
  newPassword: string;
}

@InputType()
export class ResetPasswordInput {
  @Field({ description: 'The token from the reset link.' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Reset token is required.' })
  @MaxLength(100, { message: 'This reset link is not valid.' })
  token: string;

  @Field()
  @IsString()
  @Length(LIMITS.passwordMin, LIMITS.passwordMax, { message: NEW_PASSWORD_LENGTH })
  newPassword: string;
}
