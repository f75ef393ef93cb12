import { applyDecorators } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { FLAG_REASONS } from '@kinship/shared';
import { Trim } from '../common/validators';
import { FlagReasonEnum } from './enums';

/** The reason of a flag or a report: one of FLAG_REASONS. */
export function FlagReasonField(): PropertyDecorator {
  return applyDecorators(
    Field(() => FlagReasonEnum),
    IsIn(FLAG_REASONS, { message: 'Reason must be chosen from the list.' }),
  );
}

/** The optional note of a flag or a report (required by the service when the reason is OTHER). */
export function FlagNoteField(): PropertyDecorator {
  return applyDecorators(
    Field(() => String, { nullable: true, description: 'Required when the reason is OTHER.' }),
    Trim(),
    IsOptional(),
    IsString(),
    MaxLength(500, { message: 'Note can be at most 500 characters.' }),
  );
}
