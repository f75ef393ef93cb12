import { SessionLookup } from '../../auth/session.guard';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@kinship/shared';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { isUuid, randomToken, sha256 } from '../../common/crypto';
import { Viewer } from '../../auth/viewer';
import { DomainError, notFound } from '../../graphql/errors';
import { SessionEntity } from './entities/session.entity';
import { Session } from './models/session.model';

const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** Opaque bearer sessions: random token to the client, SHA-256 in the database, revocable. */
@Injectable()
export class SessionsService implements SessionLookup {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Opens a session inside the caller's transaction and returns the token (shown once) and its id. */
  async open(manager: EntityManager, userId: string, deviceHint: string | null): Promise<{ token: string; sessionId: string }> {
    const token = randomToken();
    const result = await manager.insert(SessionEntity, {
      userId,
      tokenHash: sha256(token),
      deviceHint,
      expiresAt: new Date(Date.now() + this.config.sessionTtlDays * 86_400_000),
    });
    return { token, sessionId: (result.identifiers[0] as { id: string }).id };
  }

  async viewerForToken(token: string): Promise<Viewer | null> {
    const rows: {
      id: string;
      user_id: string;
      role: Role;
      last_used_at: Date;
      suspended_until: Date | null;
    }[] = await this.dataSource.query(
      `SELECT s.id, s.user_id, u.role, s.last_used_at, u.suspended_until
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.deleted_at IS NULL`,
      [sha256(token)],
    );
    const row = rows[0];
    if (!row) return null;
    if (Date.now() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
      await this.dataSource.query(`UPDATE sessions SET last_used_at = now() WHERE id = $1`, [row.id]);
    }
    if (row.suspended_until && row.suspended_until > new Date()) throw suspended(row.suspended_until);
    return { id: row.user_id, role: row.role, sessionId: row.id };
  }

  /** The member's active sessions, most recently used first. */
  async list(viewer: Viewer): Promise<Session[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(SessionEntity, 's')
      .where('s.user_id = :userId AND s.revoked_at IS NULL AND s.expires_at > now()', { userId: viewer.id })
      .orderBy('s.last_used_at', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
    return rows.map((s) => ({
      id: s.id,
      deviceHint: s.deviceHint,
      createdAt: s.createdAt,
      lastUsedAt: s.lastUsedAt,
      current: s.id === viewer.sessionId,
    }));
  }

  /** Signs out one of the member's own sessions; someone else's id is simply not found. */
  async revokeOwn(viewer: Viewer, sessionId: string): Promise<void> {
    // UPDATE ... RETURNING comes back as [rows, affected] from TypeORM.
    const [, affected]: [unknown[], number] = isUuid(sessionId)
      ? await this.dataSource.query(
          `UPDATE sessions SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING 1`,
          [sessionId, viewer.id],
        )
      : [[], 0];
    if (affected === 0) throw notFound('That session');
  }

  /**
   * Revokes every session of a member, except `keepSessionId` when given, in the caller's
   * transaction when one is passed. Returns how many.
   */
  async revokeAll(manager: EntityManager | null, userId: string, keepSessionId: string | null = null): Promise<number> {
    const [, affected]: [unknown[], number] = await (manager ?? this.dataSource.manager).query(
      `UPDATE sessions SET revoked_at = now()
        WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2 RETURNING 1`,
      [userId, keepSessionId],
    );
    return affected;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId],
    );
  }
}

/** A suspended member's every request (and sign-in) is refused, saying until when. */
export function suspended(until: Date) {
  const when = until.toUTCString().replace('GMT', 'UTC');
  return new DomainError(
    'FORBIDDEN',
    `Your account is suspended until ${when}. If you think this is a mistake, you can appeal once it ends or ask the program team.`,
    {
      suspendedUntil: until.toISOString(),
    },
  );
}

/** "Firefox on Android": enough for a member to recognise a device, nothing more. */
export function deviceHint(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (!browser && !os) return 'Unknown device';
  return [browser ?? 'Browser', os].filter(Boolean).join(' on ');
}
