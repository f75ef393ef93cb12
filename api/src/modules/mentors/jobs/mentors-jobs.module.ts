import { Module } from '@nestjs/common';
import { MentorsModule } from '../mentors.module';
import { MentorsProcessor } from './mentors.processor';

/** Worker side of mentoring: the 30-day check-in. */
@Module({ imports: [MentorsModule], providers: [MentorsProcessor] })
export class MentorsJobsModule {}
