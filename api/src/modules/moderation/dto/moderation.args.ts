import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PageArgs } from '../../../graphql/connection';
import { Trim } from '../../../common/validators';
import { CaseStatusEnum } from '../models/moderation.models';

/** A reason a moderator gives for a decision; the member is told it, so it is required. */
function IsMemberReason(): PropertyDecorator {
  return applyDecorators(
    Trim(),
    IsString(),
    IsNotEmpty({ message: 'Reason is required: the member will be told it.' }),
    MaxLength(1000, { message: 'Reason can be at most 1000 characters.' }),
  );
}

@ArgsType()
export class UserReasonArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'Member id is not valid.' })
  userId: string;

  @Field()
  @IsMemberReason()
  reason: string;
}

@ArgsType()
export class SuspendArgs extends UserReasonArgs {
  @Field()
  @IsDate({ message: 'Until must be a date and time.' })
  until: Date;
}

@ArgsType()
export class NoteArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'Member id is not valid.' })
  userId: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, 2000, { message: 'Note must be between 1 and 2000 characters.' })
  text: string;
}

@ArgsType()
export class AppealArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'Decision id is not valid.' })
  actionId: string;

  @Field()
  @Trim()
  @IsString()
  @Length(10, 2000, { message: 'Please explain your appeal in 10 to 2000 characters.' })
  text: string;
}

@ArgsType()
export class DecideAppealArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'Appeal id is not valid.' })
  appealId: string;

  @Field()
  @IsBoolean()
  upheld: boolean;

  @Field()
  @IsMemberReason()
  reason: string;
}

@ArgsType()
export class QueueArgs extends PageArgs {
  @Field(() => CaseStatusEnum, { nullable: true, defaultValue: 'OPEN' })
  @IsOptional()
  @IsIn(['OPEN', 'RESOLVED', 'DISMISSED'], { message: 'Status must be OPEN, RESOLVED or DISMISSED.' })
  status?: string;
}
