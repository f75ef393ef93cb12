import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { randomToken, sha256 } from '../../common/crypto';
import { Viewer } from '../../auth/viewer';
import { UserEntity } from '../accounts/entities/user.entity';
import { CalendarTokenEntity } from './entities/calendar-token.entity';
import { EventEntity } from './entities/event.entity';
import { RsvpEntity } from './entities/rsvp.entity';

/** A member's private calendar feed: its secret link and the events it lists. */
@Injectable()
export class CalendarFeedService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new private feed link (the old one stops working). Returned once: only its hash is kept. */
  async resetCalendarToken(viewer: Viewer): Promise<string> {
    const token = randomToken();
    await this.dataSource.query(
      `INSERT INTO calendar_tokens (user_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
      [viewer.id, sha256(token)],
    );
    return token;
  }

  /** The member behind a feed token, with their going events (recent and upcoming). */
  async feed(token: string): Promise<{ user: UserEntity; events: EventEntity[] } | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const row = await this.dataSource.manager.findOneBy(CalendarTokenEntity, { tokenHash: sha256(token) });
    if (!row) return null;
    const user = await this.dataSource.manager.findOneBy(UserEntity, { id: row.userId });
    if (!user || (user.suspendedUntil && user.suspendedUntil > new Date())) return null;
    const events = await this.dataSource.manager
      .createQueryBuilder(EventEntity, 'e')
      .innerJoin(RsvpEntity, 'r', "r.event_id = e.id AND r.user_id = :userId AND r.status = 'GOING' AND NOT r.waitlisted", {
        userId: user.id,
      })
      .where("e.status = 'VISIBLE' AND e.ends_at > now() - interval '30 days'")
      .orderBy('e.starts_at', 'ASC')
      .limit(500)
      .getMany();
    return { user, events };
  }
}
