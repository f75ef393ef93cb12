import { Module } from '@nestjs/common';
import { ModerationLogService } from './moderation-log.service';
import { ModerationSettingsService } from './moderation-settings.service';
import { ScreeningService } from './screening.service';

/**
 * The parts of moderation other domains call while writing: screening new content and writing
 * the log. Kept apart from ModerationModule so domains can use them without a dependency cycle.
 */
@Module({
  providers: [ModerationLogService, ModerationSettingsService, ScreeningService],
  exports: [ModerationLogService, ModerationSettingsService, ScreeningService],
})
export class ModerationCoreModule {}
