import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { OutboxService } from '../../queue/outbox.service';
import { EventEntity } from './entities/event.entity';
import { EVENT_REMINDER, reminderJobId } from './jobs/events.jobs';

/** The reminders before an event (EVENT_REMINDER_MINUTES), kept in step with its time. */
@Injectable()
export class EventRemindersService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  /** One delayed job per offset with a deterministic id: writing it again moves it; past offsets are withdrawn. */
  async schedule(manager: EntityManager, event: EventEntity): Promise<void> {
    for (const minutes of this.config.eventReminderMinutes) {
      const jobId = reminderJobId(event.id, minutes);
      const delayMs = event.startsAt.getTime() - minutes * 60_000 - Date.now();
      if (delayMs > 0 && !event.cancelledAt) {
        await this.outbox.enqueue(
          manager,
          EVENT_REMINDER,
          { eventId: event.id, minutesBefore: minutes, startsAt: event.startsAt.toISOString() },
          { delayMs, jobId },
        );
      } else {
        await this.outbox.cancel(manager, EVENT_REMINDER, jobId);
      }
    }
  }

  /** A cancelled event keeps no reminder job. */
  async withdraw(manager: EntityManager, eventId: string): Promise<void> {
    for (const minutes of this.config.eventReminderMinutes) {
      await this.outbox.cancel(manager, EVENT_REMINDER, reminderJobId(eventId, minutes));
    }
  }
}
