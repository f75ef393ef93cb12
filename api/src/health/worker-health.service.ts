import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { InjectLogger, Logger } from '../common/logger.module';
import { InjectRedis, RedisClient } from '../common/redis.module';
import { checkDependencies, readiness } from './dependencies';
import { Metrics } from './metrics';
import { closeServer, serveMetrics } from './metrics-server.service';

/**
 * The worker has no other HTTP: with WORKER_HEALTH_PORT set it answers `GET /health/live` (the
 * process is up) and `GET /health/ready` (PostgreSQL answers; Redis reported), as the api does, so
 * an orchestrator can watch it, and `GET /metrics` (jobs run and failed, process metrics). Keep
 * the port unpublished.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: RedisClient,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.workerHealthPort === null) return;
    this.server = await serveMetrics(this.metrics, this.config.host, this.config.workerHealthPort, (url, answer) => {
      if (url === '/health/live') {
        answer(200, { status: 'ok' });
        return true;
      }
      if (url !== '/health/ready' && url !== '/health') return false;
      void checkDependencies(this.dataSource, this.redis).then((deps) => {
        const { ready, body } = readiness(deps);
        answer(ready ? 200 : 503, body);
      });
      return true;
    });
    this.logger.info({ port: this.config.workerHealthPort }, 'worker health check listening');
  }

  async onApplicationShutdown(): Promise<void> {
    await closeServer(this.server);
  }
}
