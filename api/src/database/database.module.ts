import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { dataSourceOptions } from './options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config),
        // Fail fast in tests; in production retry while the database comes up.
        retryAttempts: config.env === 'test' ? 0 : 10,
        retryDelay: 3000,
      }),
    }),
  ],
})
export class DatabaseModule {}
