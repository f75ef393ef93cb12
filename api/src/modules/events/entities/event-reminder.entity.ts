import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A reminder that has been dealt with: sent to the members going, or passed over because a later
 * one was already due. One row per event, reminder and start time (moving the event makes new ones
 * due). The worker's sweep sends every due reminder that has no row here, whatever Redis lost.
 */
@Entity('event_reminders')
export class EventReminderEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ name: 'minutes_before', type: 'integer' })
  minutesBefore: number;

  @PrimaryColumn({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'done_at', type: 'timestamptz', default: () => 'now()' })
  doneAt: Date;
}
