import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ModerationCoreModule } from '../moderation/moderation-core.module';
import { CalendarController } from './calendar.controller';
import { EventsResolver } from './events.resolver';
import { EventsService } from './events.service';

@Module({
  imports: [AccountsModule, ModerationCoreModule],
  controllers: [CalendarController],
  providers: [EventsService, EventsResolver],
  exports: [EventsService],
})
export class EventsModule {}
