import { Module } from '@nestjs/common';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { PreferencesService } from './preferences.service';

@Module({
  providers: [NotificationsService, PreferencesService, NotificationsResolver],
  exports: [NotificationsService],
})
export class NotificationsModule {}
