import { Module } from '@nestjs/common';
import { ResourcesProcessor } from './resources.processor';

/** Worker side of resources: decisions and expiry notices. */
@Module({ providers: [ResourcesProcessor] })
export class ResourcesJobsModule {}
