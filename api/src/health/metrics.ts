import { DynamicModule, Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATIONS = 200;
/** The api's own routes; any other path (a scanner's 404s) is counted as 'other'. */
const KNOWN_ROUTES = new Set(['/graphql', '/health', '/calendar', '/events', '/notifications']);

/**
 * Prometheus metrics of one process, on a registry of its own (several apps share a process in
 * the tests). Label values never come from a member's text: GraphQL operation names are the
 * clients' and capped at MAX_OPERATIONS distinct ones (first come; the rest count as 'other'),
 * and paths are reduced to the api's own routes, so a caller cannot grow the series at will.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Histogram({
    name: 'kinship_http_request_duration_seconds',
    help: 'Requests answered, by GraphQL operation (or route) and status, with their latency.',
    labelNames: ['operation', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly jobs = new Counter({
    name: 'kinship_jobs_total',
    help: 'Jobs run by this worker, by job name and outcome (done or failed).',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly operations = new Set<string>();

  constructor(readonly service: 'api' | 'worker') {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'kinship_' });
  }

  /** A label for a request: its GraphQL operation name when it has a usable one, else its route. */
  operationLabel(operationName: string | undefined, path: string): string {
    if (operationName && OPERATION_NAME.test(operationName)) {
      if (this.operations.has(operationName)) return operationName;
      if (this.operations.size < MAX_OPERATIONS) {
        this.operations.add(operationName);
        return operationName;
      }
      return 'other';
    }
    const route = `/${path.split('/')[1] ?? ''}`;
    return KNOWN_ROUTES.has(route) ? route : 'other';
  }

  /**
   * A gauge read fresh at every scrape; `read` sets its values (and may query). When it cannot (the
   * database is down), the gauge has no value in that scrape rather than a stale one.
   */
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[], read: (gauge: Gauge<L>) => Promise<void>): void {
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        await read(this).catch(() => undefined);
      },
    });
  }
}

@Global()
@Module({})
export class MetricsModule {
  static forRoot(service: 'api' | 'worker'): DynamicModule {
    return { module: MetricsModule, providers: [{ provide: Metrics, useValue: new Metrics(service) }], exports: [Metrics] };
  }
}
