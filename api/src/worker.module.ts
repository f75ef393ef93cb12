import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { LoggerModule } from './common/logger.module';
import { RedisModule } from './common/redis.module';
import { DatabaseModule } from './database/database.module';
import { MetricsModule } from './health/metrics';
import { WorkerHealthServer } from './health/worker-health.service';
import { EventsJobsModule } from './modules/events/jobs/events-jobs.module';
import { MentorsJobsModule } from './modules/mentors/jobs/mentors-jobs.module';
import { MilestonesJobsModule } from './modules/milestones/jobs/milestones-jobs.module';
import { CheckInsJobsModule } from './modules/recovery/check-ins/jobs/check-ins-jobs.module';
import { ResourcesJobsModule } from './modules/resources/jobs/resources-jobs.module';
import { ModerationJobsModule } from './modules/moderation/jobs/moderation-jobs.module';
import { EmailModule } from './modules/notifications/email/email.module';
import { DiscussionsJobsModule } from './modules/discussions/jobs/discussions-jobs.module';
import { QueueModule } from './queue/queue.module';
import { QueueWorkerModule } from './queue/queue-worker.module';

/** The worker: outbox relay, BullMQ workers and every domain's job handlers. No HTTP but its health check. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule,
        DatabaseModule,
        RedisModule,
        MetricsModule.forRoot('worker'),
        QueueModule,
        QueueWorkerModule,
        DiscussionsJobsModule,
        EmailModule,
        ModerationJobsModule,
        EventsJobsModule,
        MilestonesJobsModule,
        ResourcesJobsModule,
        CheckInsJobsModule,
        MentorsJobsModule,
      ],
      providers: [WorkerHealthServer],
    };
  }
}
