import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createServer, Server } from 'node:http';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { InjectLogger, Logger } from '../common/logger.module';
import { QueueInspector } from '../queue/queue-inspector';
import { Metrics } from './metrics';

/**
 * With METRICS_PORT set, the api serves `GET /metrics` (Prometheus text) on that port only, never
 * on the public one; keep it unpublished (scraped from inside the network). Besides the process
 * and request metrics it reports what says the community is being looked after: jobs per queue
 * and state, the outbox backlog, and how long the oldest unacknowledged crisis case has waited.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    private readonly metrics: Metrics,
    private readonly queues: QueueInspector,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    metrics.gauge('kinship_queue_jobs', 'Jobs per queue and state (waiting, active, delayed, failed).', ['queue', 'state'], async (gauge) => {
      for (const counts of await this.queues.counts()) {
        for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) gauge.set({ queue: counts.queue, state }, counts[state]);
      }
    });
    metrics.gauge('kinship_outbox_backlog', 'Jobs written to the outbox and not yet handed to Redis.', [], async (gauge) => {
      const [{ n }]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL`);
      gauge.set(n);
    });
    metrics.gauge(
      'kinship_oldest_unacknowledged_crisis_seconds',
      'Age of the oldest open crisis case nobody has acknowledged (0 when there is none).',
      [],
      async (gauge) => {
        const [{ age }]: { age: number | null }[] = await this.dataSource.query(
          `SELECT extract(epoch FROM now() - min(created_at))::float8 AS age
             FROM flag_cases WHERE kind = 'CRISIS' AND status = 'OPEN' AND acknowledged_at IS NULL`,
        );
        gauge.set(age ?? 0);
      },
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metricsPort === null) return;
    this.server = await serveMetrics(this.metrics, this.config.host, this.config.metricsPort);
    this.logger.info({ port: this.config.metricsPort }, 'metrics listening');
  }

  async onApplicationShutdown(): Promise<void> {
    await closeServer(this.server);
  }
}

/** A server answering GET /metrics from `metrics`, and what `extra` answers (the worker's health). */
export async function serveMetrics(
  metrics: Metrics,
  host: string,
  port: number,
  extra?: (url: string, answer: (status: number, body: object) => void) => boolean,
): Promise<Server> {
  const server = createServer((req, res) => {
    const answer = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return answer(405, { status: 'error' });
    if (req.url === '/metrics') {
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' }).end(text),
        () => answer(503, { status: 'error' }),
      );
      return;
    }
    if (!extra?.(req.url ?? '', answer)) answer(404, { status: 'error' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
