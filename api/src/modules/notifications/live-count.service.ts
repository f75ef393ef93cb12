import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { InjectLogger, Logger } from '../../common/logger.module';

export const NOTIFICATIONS_CHANNEL = 'kinship_notifications';

type Listener = () => void;

/**
 * Tells open streams when a member's notifications change. A database trigger NOTIFYs the
 * member's id on every insert and read (see the LiveCount migration); each api replica LISTENs,
 * so a notification written by any worker reaches a stream held by any replica.
 */
@Injectable()
export class LiveCountService implements OnModuleInit, OnApplicationShutdown {
  private client?: Client;
  private readonly listeners = new Map<string, Set<Listener>>();
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
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
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'kinship-live-count' });
    client.on('notification', (message) => {
      for (const listener of this.listeners.get(message.payload ?? '') ?? []) listener();
    });
    client.on('error', (error) => {
      this.logger.warn({ err: error.message }, 'live count listener lost its connection; reconnecting');
      this.client = undefined;
      setTimeout(() => void this.connect().catch(() => undefined), 1000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFICATIONS_CHANNEL}`);
      this.client = client;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'live count listener unavailable; retrying');
      setTimeout(() => void this.connect().catch(() => undefined), 2000).unref();
    }
  }
}
