import { Module } from '@nestjs/common';
import { NotificationWriterModule } from '../../notifications/notification-writer';
import { EventsProcessor } from './events.processor';

/** Worker side of events: reminders and RSVP notifications. */
@Module({ imports: [NotificationWriterModule], providers: [EventsProcessor] })
export class EventsJobsModule {}
