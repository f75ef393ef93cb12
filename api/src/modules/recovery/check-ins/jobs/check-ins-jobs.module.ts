import { Module } from '@nestjs/common';
import { CheckInsModule } from '../check-ins.module';
import { CheckInsProcessor } from './check-ins.processor';

/** Worker side of check-ins: the gentle reminders. */
@Module({ imports: [CheckInsModule], providers: [CheckInsProcessor] })
export class CheckInsJobsModule {}
