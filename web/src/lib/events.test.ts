import { describe, expect, it } from 'vitest';
import { eventWhen, formatEventRange, rangeEnd, rsvpStatusText, seatsText, timeZoneList } from './events';
import { eventFormValues, formFieldFor, parseEventForm, type EventFormValues } from './events-form';

const NOW = new Date('2026-12-01T12:00:00Z');

describe('eventWhen', () => {
  const event = {
    startsAt: '2026-12-05T15:00:00Z',
    endsAt: '2026-12-05T17:00:00Z',
    timeZone: 'America/Denver',
  };

  it("shows the viewer's own time and names the event's zone when it differs", () => {
    const when = eventWhen(event, 'America/Chicago', NOW);
    expect(when.text).toBe('Sat 5 Dec, 9:00 AM – 11:00 AM (your time)');
    expect(when.elsewhere).toBe('8:00 AM in America/Denver');
    expect(when.line).toBe('Sat 5 Dec, 9:00 AM – 11:00 AM (your time) · 8:00 AM in America/Denver');
  });

  it("falls back to the event's zone and says nothing more when the zones agree", () => {
    expect(eventWhen(event, null, NOW)).toEqual({
      text: 'Sat 5 Dec, 8:00 AM – 10:00 AM',
      elsewhere: null,
      line: 'Sat 5 Dec, 8:00 AM – 10:00 AM',
    });
    expect(eventWhen(event, 'America/Denver', NOW).elsewhere).toBeNull();
    expect(eventWhen(event, 'Not/AZone', NOW).elsewhere).toBeNull();
  });

  it('names the day too when it differs where the event happens', () => {
    const late = {
      startsAt: '2026-12-06T02:00:00Z',
      endsAt: '2026-12-06T03:00:00Z',
      timeZone: 'America/Los_Angeles',
    };
    expect(eventWhen(late, 'Europe/London', NOW).elsewhere).toBe('Sat 5 Dec, 6:00 PM in America/Los_Angeles');
  });
});

describe('formatEventRange', () => {
  it('spells out both days when an event runs overnight, and the year when it is not this one', () => {
    expect(formatEventRange('2027-01-02T20:00:00Z', '2027-01-03T10:00:00Z', 'UTC', NOW)).toBe(
      'Sat 2 Jan 2027, 8:00 PM – Sun 3 Jan 2027, 10:00 AM',
    );
  });
});

describe('seatsText and rsvpStatusText', () => {
  it('counts seats and the waitlist', () => {
    expect(seatsText({ goingCount: 3, capacity: 10, waitlistCount: 2 })).toBe('3 of 10 going · 2 waitlisted');
    expect(seatsText({ goingCount: 4, capacity: null, waitlistCount: 0 })).toBe('4 going');
    expect(seatsText({ goingCount: 0, capacity: null, waitlistCount: 0 })).toBe('No one going yet');
  });

  it('says where the viewer stands', () => {
    expect(rsvpStatusText(null)).toBeNull();
    expect(rsvpStatusText({ status: 'GOING', waitlisted: false, waitlistPosition: null })).toBe(
      "You're going",
    );
    expect(rsvpStatusText({ status: 'GOING', waitlisted: true, waitlistPosition: 3 })).toBe(
      "You're on the waitlist: number 3",
    );
    expect(rsvpStatusText({ status: 'MAYBE', waitlisted: false, waitlistPosition: null })).toBe(
      'You said maybe',
    );
    expect(rsvpStatusText({ status: 'NOT_GOING', waitlisted: false, waitlistPosition: null })).toBe(
      "You're not going",
    );
  });
});

describe('rangeEnd', () => {
  it('ends "this week" at the start of Monday and "this month" at the first of the next, in the zone', () => {
    // Tuesday 1 Dec 2026, noon UTC.
    expect(rangeEnd('week', NOW, 'UTC')).toBe('2026-12-07T00:00:00.000Z');
    expect(rangeEnd('week', NOW, 'America/New_York')).toBe('2026-12-07T05:00:00.000Z');
    expect(rangeEnd('month', NOW, 'UTC')).toBe('2027-01-01T00:00:00.000Z');
    // A Sunday still belongs to its week.
    expect(rangeEnd('week', new Date('2026-12-06T10:00:00Z'), 'UTC')).toBe('2026-12-07T00:00:00.000Z');
  });
});

describe('timeZoneList', () => {
  it('lists IANA zones with UTC', () => {
    const zones = timeZoneList();
    expect(zones).toContain('America/Denver');
    expect(zones).toContain('UTC');
  });
});

const blank: EventFormValues = {
  title: ' Morning hike ',
  description: 'Bring water.',
  kind: 'OUTDOORS',
  startsAt: '2026-12-05T08:00',
  endsAt: '2026-12-05T10:30',
  timeZone: 'America/Denver',
  address: ' 1 Trail Rd ',
  onlineUrl: '',
  capacity: '10',
  rsvpDeadline: '',
  repeat: '',
  repeatCount: '',
  scope: '',
};

describe('parseEventForm', () => {
  it('reads wall times in the chosen zone as instants', () => {
    const parsed = parseEventForm(blank);
    expect(parsed.errors).toEqual({});
    expect(parsed.fields).toMatchObject({
      title: 'Morning hike',
      kind: 'OUTDOORS',
      startsAt: '2026-12-05T15:00:00.000Z',
      endsAt: '2026-12-05T17:30:00.000Z',
      timeZone: 'America/Denver',
      address: '1 Trail Rd',
      onlineUrl: null,
      capacity: 10,
      rsvpDeadline: null,
    });
    expect(parsed.recurrence).toBeNull();
    expect(parsed.scope).toBe('THIS');
  });

  it('names each field it cannot read', () => {
    const parsed = parseEventForm({
      ...blank,
      startsAt: '',
      endsAt: 'soon',
      capacity: 'ten',
      timeZone: 'Mars/Olympus',
      repeat: 'WEEKLY',
      repeatCount: 'x',
    });
    expect(Object.keys(parsed.errors).sort()).toEqual([
      'capacity',
      'endsAt',
      'repeatCount',
      'startsAt',
      'timeZone',
    ]);
  });

  it('reads a repeat and a scope', () => {
    const parsed = parseEventForm({ ...blank, repeat: 'MONTHLY', repeatCount: '4', scope: 'ALL_FUTURE' });
    expect(parsed.recurrence).toEqual({ frequency: 'MONTHLY', count: 4 });
    expect(parsed.scope).toBe('ALL_FUTURE');
  });

  it("round-trips an event's stored values through the edit form", () => {
    const values = eventFormValues({
      title: 'Morning hike',
      description: '',
      kind: 'OUTDOORS',
      startsAt: '2026-12-05T15:00:00.000Z',
      endsAt: '2026-12-05T17:30:00.000Z',
      timeZone: 'America/Denver',
      address: '1 Trail Rd',
      onlineUrl: null,
      capacity: null,
      rsvpDeadline: '2026-12-04T15:00:00.000Z',
    });
    expect(values.startsAt).toBe('2026-12-05T08:00');
    expect(values.rsvpDeadline).toBe('2026-12-04T08:00');
    expect(parseEventForm(values).fields.startsAt).toBe('2026-12-05T15:00:00.000Z');
  });

  it("maps the api's nested field names to the form's", () => {
    expect(formFieldFor('recurrence.count')).toBe('repeatCount');
    expect(formFieldFor('endsAt')).toBe('endsAt');
  });
});
