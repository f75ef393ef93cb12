import { Module } from '@nestjs/common';
import { EventsProcessor } from './events.processor';

/** Worker side of events: reminders and RSVP notifications. */
@Module({ providers: [EventsProcessor] })
export class EventsJobsModule {}
