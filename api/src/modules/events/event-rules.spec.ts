import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../auth/viewer';
import type { CreateEventInput } from './dto/event.inputs';
import type { EventEntity } from './entities/event.entity';
import { assertMayEdit, validatedEvent, visibleEvents } from './event-rules';

const HOUR = 3600_000;
const later = (hours: number) => new Date(Date.now() + hours * HOUR);
const input = (extra: Partial<CreateEventInput> = {}): CreateEventInput =>
  ({
    title: 'Saturday hike',
    kind: 'OUTDOORS',
    startsAt: later(72),
    endsAt: later(75),
    timeZone: 'America/Chicago',
    address: 'Bluff Trail parking lot',
    ...extra,
  });
const fieldOf = (work: () => unknown): unknown => {
  try {
    work();
  } catch (error) {
    return (error as { extensions?: { field?: string } }).extensions?.field;
  }
  return undefined;
};
const viewer = (id: string, role: Viewer['role']): Viewer => ({ id, role, sessionId: 's' });

/** Event rules that need no database (event-rules.ts). */
describe('event rules', () => {
  it('accepts a whole event and renders its description', () => {
    const fields = validatedEvent(input({ description: 'Bring **water**.' }), null);
    expect(fields).toMatchObject({ title: 'Saturday hike', address: 'Bluff Trail parking lot', onlineUrl: null, capacity: null });
    expect(fields.descriptionHtml).toContain('<strong>water</strong>');
  });

  it('names the field at fault', () => {
    expect(fieldOf(() => validatedEvent(input({ endsAt: later(71) }), null))).toBe('endsAt');
    expect(fieldOf(() => validatedEvent(input({ endsAt: later(72 + 15 * 24) }), null))).toBe('endsAt');
    expect(fieldOf(() => validatedEvent(input({ startsAt: later(-1), endsAt: later(1) }), null))).toBe('startsAt');
    expect(fieldOf(() => validatedEvent(input({ rsvpDeadline: later(73) }), null))).toBe('rsvpDeadline');
    expect(fieldOf(() => validatedEvent(input({ address: null }), null))).toBe('address');
    expect(fieldOf(() => validatedEvent(input({ kind: 'ONLINE', onlineUrl: null }), null))).toBe('onlineUrl');
  });

  it('merges an edit over the event as it is; a start already past may stay where it is', () => {
    const current = { ...validatedEvent(input(), null), startsAt: later(-1), endsAt: later(1) } as unknown as EventEntity;
    expect(validatedEvent({ title: 'Renamed' }, current)).toMatchObject({ title: 'Renamed', address: 'Bluff Trail parking lot' });
  });

  it('members see published events and their own; organisers and staff may edit', () => {
    expect(visibleEvents(viewer('m', 'MODERATOR'))).toBe('TRUE');
    expect(visibleEvents(viewer('m', 'MEMBER'))).toContain('e.organizer_id = :viewerId');
    const event = { organizerId: 'organiser' } as EventEntity;
    expect(() => assertMayEdit(event, viewer('organiser', 'MEMBER'))).not.toThrow();
    expect(() => assertMayEdit(event, viewer('other', 'MODERATOR'))).not.toThrow();
    expect(() => assertMayEdit(event, viewer('other', 'MEMBER'))).toThrow('Only the organiser or a moderator');
  });
});
