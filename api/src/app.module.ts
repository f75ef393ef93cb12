import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppConfig, loadConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { SessionGuard } from './auth/session.guard';
import { LoggerModule } from './common/logger.module';
import { RedisModule } from './common/redis.module';
import { DatabaseModule } from './database/database.module';
import { DatabaseUnavailableFilter } from './database/unavailable.filter';
import { AppGraphQLModule } from './graphql/graphql.module';
import { HealthController } from './health/health.controller';
import { MetricsModule } from './health/metrics';
import { MetricsServer } from './health/metrics-server.service';
import { AccountsModule } from './modules/accounts/accounts.module';
import { ConversationsModule } from './modules/conversations/conversations.module';
import { DiscussionsModule } from './modules/discussions/discussions.module';
import { EventsModule } from './modules/events/events.module';
import { MentorsModule } from './modules/mentors/mentors.module';
import { MilestonesModule } from './modules/milestones/milestones.module';
import { RecoveryModule } from './modules/recovery/recovery.module';
import { ResourcesModule } from './modules/resources/resources.module';
import { ModerationModule } from './modules/moderation/moderation.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PrivacyModule } from './modules/privacy/privacy.module';
import { QueueAdminModule, QueueModule } from './queue/queue.module';

/** The HTTP + GraphQL application. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule,
        DatabaseModule,
        RedisModule,
        MetricsModule.forRoot('api'),
        QueueModule,
        QueueAdminModule,
        AppGraphQLModule,
        AccountsModule,
        DiscussionsModule,
        NotificationsModule,
        ModerationModule,
        EventsModule,
        MilestonesModule,
        RecoveryModule,
        ConversationsModule,
        MentorsModule,
        ResourcesModule,
        PrivacyModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: SessionGuard },
        { provide: APP_FILTER, useClass: DatabaseUnavailableFilter },
        MetricsServer,
      ],
    };
  }
}
