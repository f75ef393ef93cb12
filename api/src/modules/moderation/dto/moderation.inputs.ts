import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import type { FlagReason } from '@kinship/shared';
import { Trim } from '../../../common/validators';
import { FlagNoteField, FlagReasonField } from '../../../graphql/flag-fields';
import type { TargetType } from '../../screening/entities/flag-case.entity';
import type { WatchedWordAction } from '../../screening/entities/watched-word.entity';
import { ModerateAction, ModerateActionEnum, TargetTypeEnum, WatchedWordActionEnum } from '../models/moderation.models';

@InputType()
export class FlagInput {
  @Field(() => TargetTypeEnum)
  @IsIn(['POST', 'EVENT', 'RESOURCE', 'USER'], { message: 'Target type must be POST, EVENT, RESOURCE or USER.' })
  targetType: TargetType;

  @Field(() => ID)
  @IsUUID('all', { message: 'Target id is not valid.' })
  targetId: string;

  @FlagReasonField()
  reason: FlagReason;

  @FlagNoteField()
  note?: string;
}

@InputType()
export class ModerateInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Case id is not valid.' })
  caseId: string;

  @Field(() => ModerateActionEnum)
  @IsIn(Object.keys(ModerateActionEnum), { message: 'Action must be DISMISS, HIDE, REMOVE, RESTORE or APPROVE.' })
  action: ModerateAction;

  @Field(() => String, { nullable: true, description: 'Required for HIDE and REMOVE; the author is told it.' })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: 'Reason can be at most 1000 characters.' })
  reason?: string;
}

@InputType()
export class WatchedWordInput {
  @Field()
  @Trim()
  @IsString()
  @Length(2, 100, { message: 'Word must be between 2 and 100 characters.' })
  word: string;

  @Field(() => WatchedWordActionEnum)
  @IsIn(['BLOCK', 'REVIEW'], { message: 'Action must be BLOCK or REVIEW.' })
  action: WatchedWordAction;
}

