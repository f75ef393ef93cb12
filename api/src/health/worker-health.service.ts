import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createServer, Server } from 'node:http';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { InjectLogger, Logger } from '../common/logger.module';
import { InjectRedis } from '../common/redis.module';
import { checkDependencies, readiness } from './dependencies';

/**
 * The worker has no other HTTP: with WORKER_HEALTH_PORT set it answers `GET /health/live` (the
 * process is up) and `GET /health/ready` (PostgreSQL answers; Redis reported), as the api does, so
 * an orchestrator can watch it. Nothing else is served; the port need not be published.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.workerHealthPort === null) return;
    const server = createServer((req, res) => {
      const answer = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
      };
      if (req.method !== 'GET') return answer(405, { status: 'error' });
      if (req.url === '/health/live') return answer(200, { status: 'ok' });
      if (req.url !== '/health/ready' && req.url !== '/health') return answer(404, { status: 'error' });
      void checkDependencies(this.dataSource, this.redis).then((deps) => {
        const { ready, body } = readiness(deps);
        answer(ready ? 200 : 503, body);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.workerHealthPort!, this.config.host, () => resolve());
    });
    this.server = server;
    this.logger.info({ port: this.config.workerHealthPort }, 'worker health check listening');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
