import { Module } from '@nestjs/common';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { PreferencesService } from './preferences.service';
import { LiveCountController } from './live-count.controller';
import { LiveCountService } from './live-count.service';

@Module({
  controllers: [LiveCountController],
  providers: [NotificationsService, PreferencesService, LiveCountService, NotificationsResolver],
  exports: [NotificationsService, LiveCountService],
})
export class NotificationsModule {}
