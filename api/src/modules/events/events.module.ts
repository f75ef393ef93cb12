import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ScreeningModule } from '../screening/screening.module';
import { CalendarController } from './calendar.controller';
import { EventsResolver } from './events.resolver';
import { EventsService } from './events.service';

@Module({
  imports: [AccountsModule, ScreeningModule],
  controllers: [CalendarController],
  providers: [EventsService, EventsResolver],
  exports: [EventsService],
})
export class EventsModule {}
