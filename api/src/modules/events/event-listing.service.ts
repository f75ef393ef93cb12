import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hasRole } from '@kinship/shared';
import { isUuid } from '../../common/crypto';
import { Connection, decodeCursor, PageArgs, pageSize, toConnection } from '../../graphql/connection';
import { Viewer } from '../../auth/viewer';
import { EventEntity } from './entities/event.entity';
import { RsvpEntity } from './entities/rsvp.entity';
import { visibleEvents } from './event-rules';

export interface EventsArgs extends PageArgs {
  from?: Date;
  to?: Date;
  kind?: string;
  mine?: boolean;
}

/** Finding events as a viewer may see them. */
@Injectable()
export class EventListingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Upcoming first, by start: published events, plus the viewer's own pending ones (all for moderators). */
  async list(args: EventsArgs, viewer: Viewer): Promise<Connection<EventEntity>> {
    const first = pageSize(args);
    const after = decodeCursor(args.after, ['iso', 'uuid']);
    const query = this.dataSource.manager
      .createQueryBuilder(EventEntity, 'e')
      .where(visibleEvents(viewer), { viewerId: viewer.id })
      .andWhere('e.ends_at >= :from', { from: args.from ?? new Date() })
      .orderBy('e.starts_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(first + 1);
    if (args.to) query.andWhere('e.starts_at < :to', { to: args.to });
    if (args.kind) query.andWhere('e.kind = :kind', { kind: args.kind });
    if (args.mine) {
      query.andWhere(
        `(e.organizer_id = :viewerId OR EXISTS (SELECT 1 FROM rsvps r WHERE r.event_id = e.id AND r.user_id = :viewerId AND r.status = 'GOING'))`,
        { viewerId: viewer.id },
      );
    }
    if (after) query.andWhere('(e.starts_at, e.id) > (:at, :id)', { at: after[0], id: after[1] });
    const rows = await query.getMany();
    return toConnection(rows, first, (e) => [e.startsAt.toISOString(), e.id], (e) => e);
  }

  async find(id: string, viewer: Viewer): Promise<EventEntity | null> {
    if (!isUuid(id)) return null;
    return this.dataSource.manager
      .createQueryBuilder(EventEntity, 'e')
      .where('e.id = :id', { id })
      .andWhere(visibleEvents(viewer), { viewerId: viewer.id })
      .getOne();
  }

  /** Address and link: for members going, the organiser and moderators. */
  async mayLocate(event: EventEntity, viewer: Viewer): Promise<boolean> {
    if (event.organizerId === viewer.id || hasRole(viewer.role, 'MODERATOR')) return true;
    const rsvp = await this.dataSource.manager.findOneBy(RsvpEntity, { eventId: event.id, userId: viewer.id });
    return rsvp?.status === 'GOING' && !rsvp.waitlisted;
  }
}
