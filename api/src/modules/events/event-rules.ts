import { hasRole } from '@kinship/shared';
import { renderMarkdown } from '../../common/markdown';
import { badInput, forbidden } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { CreateEventInput, UpdateEventInput } from './dto/event.inputs';
import { EventEntity } from './entities/event.entity';

/** The rules of events that need no database: who sees and edits one, and what makes one valid. */

/** The fields that decide when and where: changing one tells the members who planned to come. */
export const TIME_OR_PLACE = ['startsAt', 'endsAt', 'timeZone', 'address', 'onlineUrl'] as const;

/** Events (alias `e`) the viewer may see: published ones and their own; all for moderators. */
export function visibleEvents(viewer: Viewer): string {
  if (hasRole(viewer.role, 'MODERATOR')) return 'TRUE';
  return "(e.status = 'VISIBLE' OR e.organizer_id = :viewerId)";
}

export function assertMayEdit(event: EventEntity, viewer: Viewer): void {
  if (event.organizerId !== viewer.id && !hasRole(viewer.role, 'MODERATOR')) {
    throw forbidden('Only the organiser or a moderator can change this event.');
  }
}

/** Merges the input over the current event (if any) and checks the whole, naming the field at fault. */
export function validatedEvent(input: CreateEventInput | UpdateEventInput, current: EventEntity | null) {
  const pick = <K extends keyof EventEntity>(key: K, value: EventEntity[K] | undefined): EventEntity[K] | undefined =>
    value !== undefined ? value : current?.[key];
  const title = pick('title', input.title);
  const kind = pick('kind', input.kind);
  const startsAt = pick('startsAt', input.startsAt);
  const endsAt = pick('endsAt', input.endsAt);
  const timeZone = pick('timeZone', input.timeZone);
  const description = pick('description', input.description) ?? '';
  const address = (input.address !== undefined ? input.address || null : current?.address) ?? null;
  const onlineUrl = (input.onlineUrl !== undefined ? input.onlineUrl || null : current?.onlineUrl) ?? null;
  const capacity = (input.capacity !== undefined ? input.capacity : current?.capacity) ?? null;
  const rsvpDeadline = (input.rsvpDeadline !== undefined ? input.rsvpDeadline : current?.rsvpDeadline) ?? null;
  if (!title) throw badInput('title', 'Title is required.');
  if (!kind) throw badInput('kind', 'Kind is required.');
  if (!startsAt) throw badInput('startsAt', 'Start is required.');
  if (!endsAt) throw badInput('endsAt', 'End is required.');
  if (!timeZone) throw badInput('timeZone', 'Time zone is required.');
  if (endsAt <= startsAt) throw badInput('endsAt', 'The end must be after the start.');
  if (endsAt.getTime() - startsAt.getTime() > 14 * 86_400_000) throw badInput('endsAt', 'An event can last at most 14 days.');
  const startChanged = !current || startsAt.getTime() !== current.startsAt.getTime();
  if (startChanged && startsAt <= new Date()) throw badInput('startsAt', 'The start must be in the future.');
  if (rsvpDeadline && rsvpDeadline > startsAt) throw badInput('rsvpDeadline', 'The RSVP deadline must be before the start.');
  if (!address && !onlineUrl) throw badInput('address', 'Give an address, an online link, or both.');
  if (kind === 'ONLINE' && !onlineUrl) throw badInput('onlineUrl', 'An online event needs a link.');
  return {
    title,
    kind,
    startsAt,
    endsAt,
    timeZone,
    description,
    descriptionHtml: renderMarkdown(description),
    address,
    onlineUrl,
    capacity,
    rsvpDeadline,
  };
}
