import { Module } from '@nestjs/common';
import { ModerationLogService } from './moderation-log.service';
import { ModerationSettingsService } from './moderation-settings.service';
import { ScreeningService } from './screening.service';

/**
 * What content domains call while writing: screening new content (watched words, first posts,
 * crisis detection, opening cases), the moderation log and the moderation settings. It sits below
 * discussions, events and resources; the moderation workflow (moderation/) sits above them.
 */
@Module({
  providers: [ModerationLogService, ModerationSettingsService, ScreeningService],
  exports: [ModerationLogService, ModerationSettingsService, ScreeningService],
})
export class ScreeningModule {}
