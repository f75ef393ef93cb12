import { Module } from '@nestjs/common';
import { MilestonesModule } from '../milestones.module';
import { MilestonesProcessor } from './milestones.processor';

/** Worker side of milestones: the daily celebration job. */
@Module({ imports: [MilestonesModule], providers: [MilestonesProcessor] })
export class MilestonesJobsModule {}
