import { Global, Inject, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { createLogger } from './logger';

export const LOGGER = Symbol('LOGGER');
export const InjectLogger = () => Inject(LOGGER);
export type { Logger };

@Global()
@Module({
  providers: [
    {
      provide: LOGGER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createLogger(config, 'kinship'),
    },
  ],
  exports: [LOGGER],
})
export class LoggerModule {}
