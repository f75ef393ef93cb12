import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from './config/config';
import { createLogger, NestPinoLogger } from './common/logger';
import { WorkerModule } from './worker.module';
import { stopOnSignals } from './common/shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new NestPinoLogger(createLogger(config, 'worker')),
    abortOnError: false,
  });
  await app.init();
  stopOnSignals(app);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
