import { Module } from '@nestjs/common';
import { ModerationCoreModule } from '../moderation-core.module';
import { ModerationProcessor } from './moderation.processor';

/** Worker side of moderation: its job handlers. */
@Module({ imports: [ModerationCoreModule], providers: [ModerationProcessor] })
export class ModerationJobsModule {}
