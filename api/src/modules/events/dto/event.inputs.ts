import { Field, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { EVENT_KINDS, LIMITS } from '@kinship/shared';
import type { EventKind } from '@kinship/shared';
import { IsTimeZone, CleanText, Trim } from '../../../common/validators';
import { EventKindEnum } from '../models/event.model';

export enum EventScope {
  THIS = 'THIS',
  ALL_FUTURE = 'ALL_FUTURE',
}
registerEnumType(EventScope, { name: 'EventScope', description: 'Edit this occurrence only, or it and every later one in its series.' });

export enum Frequency {
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
}
registerEnumType(Frequency, { name: 'Frequency' });

@InputType()
export class RecurrenceInput {
  @Field(() => Frequency)
  @IsIn(['WEEKLY', 'MONTHLY'], { message: 'Repeat must be WEEKLY or MONTHLY.' })
  frequency: Frequency;

  @Field(() => Int, { description: 'How many occurrences, this one included (2 to 12).' })
  @IsInt({ message: 'Occurrences must be a whole number.' })
  @Min(2, { message: 'A series has at least 2 occurrences.' })
  @Max(LIMITS.seriesOccurrencesMax, { message: `A series can have at most ${LIMITS.seriesOccurrencesMax} occurrences.` })
  count: number;
}

const URL_RULE = { protocols: ['http', 'https'], require_protocol: true };

/** Fields shared by create and update; on update each is optional. */
@InputType({ isAbstract: true })
class EventFields {
  @Field({ nullable: true })
  @CleanText()
  @IsOptional()
  @IsString()
  @Length(LIMITS.eventTitleMin, LIMITS.eventTitleMax, {
    message: `Title must be between ${LIMITS.eventTitleMin} and ${LIMITS.eventTitleMax} characters.`,
  })
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.eventDescriptionMax, { message: `Description can be at most ${LIMITS.eventDescriptionMax.toLocaleString('en-US')} characters.` })
  description?: string;

  @Field(() => EventKindEnum, { nullable: true })
  @IsOptional()
  @IsIn(EVENT_KINDS, { message: 'Kind must be chosen from the list.' })
  kind?: EventKind;

  @Field({ nullable: true })
  @IsOptional()
  @IsDate({ message: 'Start must be a date and time.' })
  startsAt?: Date;

  @Field({ nullable: true })
  @IsOptional()
  @IsDate({ message: 'End must be a date and time.' })
  endsAt?: Date;

  @Field({ nullable: true, description: 'IANA time zone, such as America/Chicago.' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @Field(() => String, { nullable: true, description: 'Shown only to members going (and the organiser, moderators).' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.eventAddressMax, { message: `Address can be at most ${LIMITS.eventAddressMax} characters.` })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'http(s) link; shown only to members going.' })
  @Trim()
  @IsOptional()
  @IsUrl(URL_RULE, { message: 'Online link must be a full http:// or https:// address.' })
  @MaxLength(500, { message: 'Online link can be at most 500 characters.' })
  onlineUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'Seats; leave empty for no limit.' })
  @IsOptional()
  @IsInt({ message: 'Capacity must be a whole number.' })
  @Min(1, { message: 'Capacity must be at least 1.' })
  @Max(LIMITS.eventCapacityMax, { message: `Capacity can be at most ${LIMITS.eventCapacityMax}.` })
  capacity?: number | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate({ message: 'RSVP deadline must be a date and time.' })
  rsvpDeadline?: Date | null;
}

@InputType()
export class CreateEventInput extends EventFields {
  @Field(() => RecurrenceInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecurrenceInput)
  recurrence?: RecurrenceInput;
}

@InputType()
export class UpdateEventInput extends EventFields {
  @Field(() => EventScope, { defaultValue: EventScope.THIS })
  @IsIn(['THIS', 'ALL_FUTURE'], { message: 'Scope must be THIS or ALL_FUTURE.' })
  scope: EventScope = EventScope.THIS;
}

