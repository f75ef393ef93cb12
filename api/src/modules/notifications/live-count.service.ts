import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { InjectLogger, Logger } from '../../common/logger.module';
import { onStopSignal } from '../../common/shutdown';

export const NOTIFICATIONS_CHANNEL = 'kinship_notifications';

type Listener = () => void;

/** A count a stream carries besides the unread notifications (another domain's badge). */
export type LiveCounter = (userId: string) => Promise<number>;

/**
 * Tells open streams when a member's notifications change. A database trigger NOTIFYs the
 * member's id on every insert and read (see the LiveCount migration); each api replica LISTENs,
 * so a notification written by any worker reaches a stream held by any replica.
 */
@Injectable()
export class LiveCountService implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private client?: Client;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly openStreams = new Set<() => void>();
  private readonly counters = new Map<string, LiveCounter>([['unread', (userId) => this.unreadCount(userId)]]);
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  private releaseStopSignal?: () => void;
  /** Set at the stop signal: a stream opened after it is ended at once. */
  private stopping = false;

  async onModuleInit(): Promise<void> {
    this.releaseStopSignal = onStopSignal(() => {
      this.stopping = true;
      this.endStreams();
    });
    await this.connect();
  }

  /**
   * A stream never ends by itself, and the HTTP server waits for open requests before it closes:
   * at a stop signal (or at the latest when the app closes) every stream is ended; EventSource
   * reconnects, to another replica or to this one restarted.
   */
  beforeApplicationShutdown(): void {
    this.releaseStopSignal?.();
    this.endStreams();
  }

  private endStreams(): void {
    for (const end of this.openStreams) end();
    this.openStreams.clear();
  }

  /** Registers how to end one open stream at shutdown; returns the unregister. */
  holdOpen(end: () => void): () => void {
    if (this.stopping) {
      end();
      return () => undefined;
    }
    this.openStreams.add(end);
    return () => this.openStreams.delete(end);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  /**
   * Adds a count to every stream, sent as the event `name`. The domain that owns it registers it
   * at start-up, and its writes NOTIFY the member's id on the same channel (a trigger).
   */
  registerCounter(name: string, counter: LiveCounter): void {
    if (this.counters.has(name)) throw new Error(`live counter "${name}" registered twice`);
    this.counters.set(name, counter);
  }

  /** Every count for one member, by event name. */
  async counts(userId: string): Promise<Map<string, number>> {
    const entries = await Promise.all([...this.counters].map(async ([name, count]) => [name, await count(userId)] as const));
    return new Map(entries);
  }

  /** Calls `listener` whenever this member's notifications change; returns the unsubscribe. */
  subscribe(userId: string, listener: Listener): () => void {
    const set = this.listeners.get(userId) ?? new Set();
    set.add(listener);
    this.listeners.set(userId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ count }]: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND in_app AND read_at IS NULL`,
      [userId],
    );
    return count;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'kinship-live-count',
      // A server that stops answering (rather than refusing) is noticed instead of waited on for ever.
      connectionTimeoutMillis: this.config.database.connectTimeoutMs,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      for (const listener of this.listeners.get(message.payload ?? '') ?? []) listener();
    });
    // A dropped connection can report more than one error (and a failed connect one more): try
    // again once per client, or the retries multiply and each notification is delivered twice.
    let retried = false;
    const retry = (message: string, error: Error, delayMs: number) => {
      if (retried) return;
      retried = true;
      this.logger.warn({ err: error.message }, message);
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      setTimeout(() => void this.connect().catch(() => undefined), delayMs).unref();
    };
    client.on('error', (error) => retry('live count listener lost its connection; reconnecting', error, 1000));
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFICATIONS_CHANNEL}`);
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      // Notifications written while the listener was away: every open stream looks again.
      for (const set of this.listeners.values()) for (const listener of set) listener();
    } catch (error) {
      retry('live count listener unavailable; retrying', error as Error, 2000);
    }
  }
}
