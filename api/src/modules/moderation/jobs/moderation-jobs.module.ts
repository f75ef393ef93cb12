import { Module } from '@nestjs/common';
import { ScreeningModule } from '../../screening/screening.module';
import { ModerationProcessor } from './moderation.processor';

/** Worker side of moderation: its job handlers. */
@Module({ imports: [ScreeningModule], providers: [ModerationProcessor] })
export class ModerationJobsModule {}
