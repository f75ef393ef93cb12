import { z } from 'zod';
import { HttpTimeouts, readHttpTimeouts } from '@kinship/shared';

/**
 * The only code that reads process.env. Every setting is validated once at boot; a bad value stops
 * the process with a message naming each variable at fault.
 */
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: int(0, 65535).default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// URL')
    .default('postgres://kinship:kinship@127.0.0.1:5432/kinship'),
  DB_POOL_SIZE: int(1, 500).default(10),
  DB_CONNECT_TIMEOUT_MS: int(100, 120_000).default(5000),
  DB_STATEMENT_TIMEOUT_MS: int(0, 3_600_000).default(15_000),
  SEARCH_TIMEOUT_MS: int(50, 120_000).default(3000),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  QUEUE_BACKEND: z.enum(['redis', 'postgres']).default('redis'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'may hold only letters, digits, dot, dash and underscore')
    .default('kinship'),
  WEB_ORIGIN: z
    .string()
    .regex(/^https?:\/\/[^/]+$/, 'must be an origin such as https://kinship.example.org (no path)')
    .default('http://localhost:3000'),
  SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, 'must be an smtp:// or smtps:// URL').optional(),
  EMAIL_FROM: z.string().min(3).default('Kinship <no-reply@kinship.local>'),
  EMAIL_DELAY_SECONDS: int(0, 86_400).default(600),
  APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().default('loopback'),
  REQUEST_BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/, 'must look like 100kb or 1mb')
    .default('100kb'),
  GRAPHQL_MAX_DEPTH: int(2, 50).default(10),
  GRAPHQL_MAX_COST: int(10, 1_000_000).default(5000),
  GRAPHQL_MAX_FIELDS: int(10, 1_000_000).default(1000),
  GRAPHQL_MAX_ALIASES: int(0, 10_000).default(20),
  GRAPHQL_MAX_TOKENS: int(100, 1_000_000).default(5000),
  SESSION_TTL_DAYS: int(1, 365).default(30),
  AUTH_RATE_LIMIT_PER_IP: int(1, 100_000).default(30),
  AUTH_RATE_LIMIT_PER_EMAIL: int(1, 100_000).default(10),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: int(1, 86_400).default(900),
  POST_INTERVAL_SECONDS: int(0, 3600).default(5),
  POST_INTERVAL_SECONDS_NEW_MEMBER: int(0, 3600).default(30),
  THREAD_INTERVAL_SECONDS: int(0, 3600).default(15),
  THREAD_INTERVAL_SECONDS_NEW_MEMBER: int(0, 3600).default(120),
  FLAG_HIDE_THRESHOLD: int(1, 100).default(3),
  FLAG_RATE_LIMIT_PER_HOUR: int(1, 100_000).default(20),
  MESSAGE_REQUESTS_PER_DAY: int(1, 100_000).default(10),
  MESSAGE_REQUESTS_RECEIVED_PER_DAY: int(1, 100_000).default(20),
  CRISIS_ESCALATION_SECONDS: int(1, 86_400).default(900),
  PREMOD_FIRST_POSTS: int(0, 100).default(2),
  STALE_CASE_HOURS: int(1, 24 * 30).default(48),
  MENTOR_CHECK_IN_DAYS: int(1, 365).default(30),
  EVENT_REMINDER_MINUTES: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'must be minutes before the start, comma-separated, such as 1440,60')
    .default('1440,60'),
  OUTBOX_POLL_MS: int(50, 60_000).default(1000),
  SWEEP_INTERVAL_MS: int(100, 300_000).default(5000),
  WORKER_CONCURRENCY: int(1, 100).default(5),
  WORKER_HEALTH_PORT: int(0, 65535).optional(),
  METRICS_PORT: int(0, 65535).optional(),
  JOB_ATTEMPTS: int(1, 50).default(5),
  JOB_BACKOFF_MS: int(10, 600_000).default(2000),
  JOB_LOCK_MS: int(1000, 600_000).default(30_000),
});

export type AppConfig = Readonly<{
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  databaseUrl: string;
  /**
   * poolSize connections per process; a connection attempt gives up after connectTimeoutMs (so a
   * request fails fast with 503 while PostgreSQL is down); a statement is cancelled after
   * statementTimeoutMs (0: never; migrations use 0), a search after searchTimeoutMs.
   */
  database: { poolSize: number; connectTimeoutMs: number; statementTimeoutMs: number; searchTimeoutMs: number };
  /**
   * Where BullMQ keeps jobs and the rate limits keep their counters: Redis (recommended in
   * production), or PostgreSQL alone (BullMQ's PostgreSQL backend; `npm start` picks it when no
   * Redis answers). redisUrl is not used with 'postgres'.
   */
  queueBackend: 'redis' | 'postgres';
  redisUrl: string;
  redisPrefix: string;
  /** SMTP delivery; null when SMTP_URL is unset (email disabled, in-app only). */
  email: { smtpUrl: string; from: string; delayMs: number } | null;
  /** Signs links that work without a session (one-click unsubscribe). */
  appSecret: string;
  /** The public address of the web app, for links in calendars (and later emails). */
  webOrigin: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  trustProxy: string;
  requestBodyLimit: string;
  graphql: {
    maxDepth: number;
    maxCost: number;
    maxFields: number;
    maxAliases: number;
    maxTokens: number;
    introspection: boolean;
  };
  sessionTtlDays: number;
  authRateLimit: { perIp: number; perEmail: number; windowSeconds: number };
  /** Flags a member may raise per hour (moderators are not limited). */
  flagRateLimitPerHour: number;
  /** Message requests one member may send, and one member may receive, per day. */
  messageRequests: { sentPerDay: number; receivedPerDay: number };
  /** Seconds a member must wait between posts and between threads; 0 turns a limit off. */
  postingIntervals: { post: number; postNewMember: number; thread: number; threadNewMember: number };
  moderation: { flagHideThreshold: number; crisisEscalationMs: number; premodFirstPosts: number; staleCaseMs: number };
  /** Days after a mentor pairing starts when both sides are asked how it is going. */
  mentoring: { checkInDays: number };
  /** Minutes before an event's start at which members going get a reminder. */
  eventReminderMinutes: number[];
  outboxPollMs: number;
  /** How often each worker looks in PostgreSQL for due deadlines (escalations, reminders, schedules). */
  sweepIntervalMs: number;
  /** How long the api waits on a slow client (HTTP_*_TIMEOUT_SECONDS, shared with the web). */
  httpTimeouts: HttpTimeouts;
  /** lockMs: how long a job stays claimed without a heartbeat; a killed worker's job is retried after it. */
  worker: { concurrency: number; attempts: number; backoffMs: number; lockMs: number };
  /** The worker answers GET /health/live and /health/ready on API_HOST at this port; null: no server. */
  workerHealthPort: number | null;
  /** The api serves GET /metrics (Prometheus) on API_HOST at this port, never on its public one; null: off. */
  metricsPort: number | null;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings count as unset, so `FOO=` in a .env file falls back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  const http = readHttpTimeouts(env);
  if (!parsed.success || http.problems.length > 0) {
    throw new ConfigError([...(parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []), ...http.problems]);
  }
  const e = parsed.data;
  if (!e.APP_SECRET && e.NODE_ENV === 'production') {
    throw new ConfigError(['APP_SECRET: is required in production (a random string of 32+ characters; `npm start` makes one)']);
  }
  return Object.freeze({
    env: e.NODE_ENV,
    httpTimeouts: http.timeouts,
    host: e.API_HOST,
    port: e.API_PORT,
    databaseUrl: e.DATABASE_URL,
    database: {
      poolSize: e.DB_POOL_SIZE,
      connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      searchTimeoutMs: e.SEARCH_TIMEOUT_MS,
    },
    queueBackend: e.QUEUE_BACKEND,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    email: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.EMAIL_FROM, delayMs: e.EMAIL_DELAY_SECONDS * 1000 } : null,
    appSecret: e.APP_SECRET ?? 'kinship-development-secret-not-for-production-use',
    webOrigin: e.WEB_ORIGIN,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    requestBodyLimit: e.REQUEST_BODY_LIMIT,
    graphql: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxCost: e.GRAPHQL_MAX_COST,
      maxFields: e.GRAPHQL_MAX_FIELDS,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      introspection: e.NODE_ENV !== 'production',
    },
    sessionTtlDays: e.SESSION_TTL_DAYS,
    authRateLimit: {
      perIp: e.AUTH_RATE_LIMIT_PER_IP,
      perEmail: e.AUTH_RATE_LIMIT_PER_EMAIL,
      windowSeconds: e.AUTH_RATE_LIMIT_WINDOW_SECONDS,
    },
    flagRateLimitPerHour: e.FLAG_RATE_LIMIT_PER_HOUR,
    messageRequests: { sentPerDay: e.MESSAGE_REQUESTS_PER_DAY, receivedPerDay: e.MESSAGE_REQUESTS_RECEIVED_PER_DAY },
    postingIntervals: {
      post: e.POST_INTERVAL_SECONDS,
      postNewMember: e.POST_INTERVAL_SECONDS_NEW_MEMBER,
      thread: e.THREAD_INTERVAL_SECONDS,
      threadNewMember: e.THREAD_INTERVAL_SECONDS_NEW_MEMBER,
    },
    moderation: {
      flagHideThreshold: e.FLAG_HIDE_THRESHOLD,
      crisisEscalationMs: e.CRISIS_ESCALATION_SECONDS * 1000,
      premodFirstPosts: e.PREMOD_FIRST_POSTS,
      staleCaseMs: e.STALE_CASE_HOURS * 3600_000,
    },
    mentoring: { checkInDays: e.MENTOR_CHECK_IN_DAYS },
    eventReminderMinutes: [...new Set(e.EVENT_REMINDER_MINUTES.split(',').map(Number))].sort((a, b) => b - a),
    outboxPollMs: e.OUTBOX_POLL_MS,
    sweepIntervalMs: e.SWEEP_INTERVAL_MS,
    worker: {
      concurrency: e.WORKER_CONCURRENCY,
      attempts: e.JOB_ATTEMPTS,
      backoffMs: e.JOB_BACKOFF_MS,
      lockMs: e.JOB_LOCK_MS,
    },
    workerHealthPort: e.WORKER_HEALTH_PORT ?? null,
    metricsPort: e.METRICS_PORT ?? null,
  });
}
