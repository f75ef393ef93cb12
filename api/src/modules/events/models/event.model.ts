import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EVENT_KINDS, RSVP_STATUSES } from '@kinship/shared';
import type { ContentStatus, EventKind, RsvpStatus } from '@kinship/shared';
import { Connection } from '../../../graphql/connection';
import { ContentStatusEnum } from '../../../graphql/enums';
import { EventEntity } from '../entities/event.entity';

const values = <T extends string>(list: readonly T[]) => Object.fromEntries(list.map((x) => [x, x])) as Record<T, T>;
export const EventKindEnum = values(EVENT_KINDS);
registerEnumType(EventKindEnum, { name: 'EventKind' });
export const RsvpStatusEnum = values(RSVP_STATUSES);
registerEnumType(RsvpStatusEnum, { name: 'RsvpStatus' });

@ObjectType()
export class Rsvp {
  @Field(() => RsvpStatusEnum)
  status: RsvpStatus;

  @Field()
  waitlisted: boolean;

  @Field(() => Int, { nullable: true, description: '1 is next in line; null unless waitlisted.' })
  waitlistPosition: number | null;
}

/** `address`, `onlineUrl`, `organizer`, `viewerRsvp` and `attendees` depend on the viewer (EventFieldsResolver). */
@ObjectType()
export class Event {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true, description: 'Shared by the occurrences of a recurring series.' })
  seriesId: string | null;

  @Field()
  title: string;

  @Field({ description: 'Markdown as written.' })
  description: string;

  @Field({ description: 'Sanitized HTML.' })
  descriptionHtml: string;

  @Field(() => EventKindEnum)
  kind: EventKind;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field()
  timeZone: string;

  @Field(() => Int, { nullable: true })
  capacity: number | null;

  @Field(() => Date, { nullable: true })
  rsvpDeadline: Date | null;

  @Field(() => Int)
  goingCount: number;

  @Field(() => Int)
  waitlistCount: number;

  @Field()
  cancelled: boolean;

  @Field(() => String, { nullable: true })
  cancelReason: string | null;

  @Field(() => ContentStatusEnum, { description: 'PENDING_REVIEW while a member-proposed event awaits a moderator.' })
  status: ContentStatus;

  @Field({ description: 'Whether RSVPs are accepted now (not cancelled, before the deadline and the start).' })
  rsvpOpen: boolean;

  @Field({ description: 'This event as an .ics file (needs your session).' })
  icsUrl: string;

  @Field({ description: 'Has an in-person place (the address itself may be hidden from you).' })
  inPerson: boolean;

  @Field({ description: 'Has an online link (the link itself may be hidden from you).' })
  online: boolean;

  organizerId: string;
  rawAddress: string | null;
  rawOnlineUrl: string | null;
}

@ObjectType()
export class EventConnection extends Connection(Event) {}

export function rsvpOpen(event: EventEntity, now = new Date()): boolean {
  if (event.cancelledAt || event.status !== 'VISIBLE') return false;
  if (event.startsAt <= now) return false;
  return !event.rsvpDeadline || event.rsvpDeadline > now;
}

export function toEvent(entity: EventEntity): Event {
  return {
    id: entity.id,
    seriesId: entity.seriesId,
    title: entity.title,
    description: entity.description,
    descriptionHtml: entity.descriptionHtml,
    kind: entity.kind,
    startsAt: entity.startsAt,
    endsAt: entity.endsAt,
    timeZone: entity.timeZone,
    capacity: entity.capacity,
    rsvpDeadline: entity.rsvpDeadline,
    goingCount: entity.goingCount,
    waitlistCount: entity.waitlistCount,
    cancelled: entity.cancelledAt !== null,
    cancelReason: entity.cancelReason,
    status: entity.status,
    rsvpOpen: rsvpOpen(entity),
    icsUrl: `/events/${entity.id}.ics`,
    inPerson: Boolean(entity.address),
    online: Boolean(entity.onlineUrl),
    organizerId: entity.organizerId,
    rawAddress: entity.address,
    rawOnlineUrl: entity.onlineUrl,
  };
}
