import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ScreeningModule } from '../screening/screening.module';
import { CalendarController } from './calendar.controller';
import { EventsResolver } from './events.resolver';
import { CalendarFeedService } from './calendar-feed.service';
import { EventListingService } from './event-listing.service';
import { EventRemindersService } from './event-reminders.service';
import { EventSeriesService } from './event-series.service';
import { RsvpService } from './rsvp.service';

@Module({
  imports: [AccountsModule, ScreeningModule],
  controllers: [CalendarController],
  providers: [EventListingService, EventSeriesService, RsvpService, EventRemindersService, CalendarFeedService, EventsResolver],
  exports: [EventListingService, EventSeriesService, RsvpService],
})
export class EventsModule {}
