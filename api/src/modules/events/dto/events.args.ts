import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsIn, IsOptional } from 'class-validator';
import { EVENT_KINDS } from '@kinship/shared';
import type { EventKind } from '@kinship/shared';
import { PageArgs } from '../../../graphql/connection';
import { EventKindEnum } from '../models/event.model';

@ArgsType()
export class EventsArgs extends PageArgs {
  @Field(() => Date, { nullable: true, description: 'Events still running at or after this time (default: now).' })
  @IsOptional()
  @IsDate({ message: 'from must be a date and time.' })
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Events starting before this time.' })
  @IsOptional()
  @IsDate({ message: 'to must be a date and time.' })
  to?: Date;

  @Field(() => EventKindEnum, { nullable: true })
  @IsOptional()
  @IsIn(EVENT_KINDS, { message: 'Kind must be chosen from the list.' })
  kind?: EventKind;

  @Field(() => Boolean, { nullable: true, description: 'Only events you organise or are going to.' })
  @IsOptional()
  @IsBoolean()
  mine?: boolean;
}
