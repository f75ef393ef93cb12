import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { hasRole, LIMITS } from '@kinship/shared';
import type { ContentStatus } from '@kinship/shared';
import { isUuid } from '../../common/crypto';
import { renderMarkdown } from '../../common/markdown';
import { inTransaction } from '../../database/transaction';
import { Connection, decodeCursor, PageArgs, pageSize, toConnection } from '../../graphql/connection';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { OutboxService } from '../../queue/outbox.service';
import { ScreeningService } from '../screening/screening.service';
import { CreateResourceInput, ResourcesArgs, UpdateResourceInput } from './dto/resource.inputs';
import { ResourceBoardEntity } from './entities/resource-board.entity';
import { ResourceEntity } from './entities/resource.entity';
import { NOTIFY_RESOURCE_DECISION } from './jobs/resources.jobs';

const DAY = 86_400_000;
/** Outdated reports from this many members (or one from staff) send a posting back to review. */
export const OUTDATED_REPORTS_TO_REVIEW = 3;

@Injectable()
export class ResourcesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly screening: ScreeningService,
  ) {}

  async boards(): Promise<{ board: ResourceBoardEntity; count: number }[]> {
    const boards = await this.dataSource.manager.find(ResourceBoardEntity, { order: { position: 'ASC', name: 'ASC' } });
    const counts: { board_id: string; count: number }[] = await this.dataSource.query(
      `SELECT board_id, count(*)::int AS count FROM resources WHERE status = 'VISIBLE' AND expires_at > now() GROUP BY board_id`,
    );
    return boards.map((board) => ({ board, count: counts.find((c) => c.board_id === board.id)?.count ?? 0 }));
  }

  /** Admins add a board; `position` orders boards (default: after the last). */
  async createBoard(input: { name: string; description?: string; position?: number }): Promise<ResourceBoardEntity> {
    const manager = this.dataSource.manager;
    if (await manager.existsBy(ResourceBoardEntity, { name: input.name })) {
      throw conflict('A board with this name already exists.', 'name');
    }
    let position = input.position;
    if (position === undefined) {
      const [{ next }]: { next: number }[] = await manager.query(`SELECT COALESCE(MAX(position) + 1, 0)::int AS next FROM resource_boards`);
      position = next;
    }
    return manager.save(manager.create(ResourceBoardEntity, { name: input.name, description: input.description ?? '', position }));
  }

  async boardsByIds(ids: readonly string[]): Promise<(ResourceBoardEntity | null)[]> {
    const rows = await this.dataSource.manager.findBy(ResourceBoardEntity, { id: In([...ids]) });
    return ids.map((id) => rows.find((r) => r.id === id) ?? null);
  }

  /** Approved, unexpired postings, newest first; search over title, organisation and description; tag filter. */
  async list(args: ResourcesArgs): Promise<Connection<ResourceEntity>> {
    const first = pageSize(args);
    const after = decodeCursor(args.after, ['iso', 'uuid']);
    const query = this.dataSource.manager
      .createQueryBuilder(ResourceEntity, 'r')
      .where("r.status = 'VISIBLE' AND r.expires_at > now()")
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(first + 1);
    if (args.boardId) query.andWhere('r.board_id = :boardId', { boardId: args.boardId });
    if (args.tag) query.andWhere(':tag = ANY(r.tags)', { tag: args.tag.toLowerCase() });
    if (args.query) query.andWhere("r.search_vector @@ websearch_to_tsquery('english', :q)", { q: args.query });
    if (after) query.andWhere('(r.created_at, r.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await query.getMany();
    return toConnection(rows, first, (r) => [r.createdAt.toISOString(), r.id], (r) => r);
  }

  async saved(args: PageArgs, viewer: Viewer): Promise<Connection<ResourceEntity>> {
    const first = pageSize(args);
    const after = decodeCursor(args.after, ['iso', 'uuid']);
    const query = this.dataSource.manager
      .createQueryBuilder(ResourceEntity, 'r')
      .innerJoin('resource_saves', 's', 's.resource_id = r.id AND s.user_id = :viewerId', { viewerId: viewer.id })
      .where("(r.status = 'VISIBLE' OR r.author_id = :viewerId)")
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(first + 1);
    if (after) query.andWhere('(r.created_at, r.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await query.getMany();
    return toConnection(rows, first, (r) => [r.createdAt.toISOString(), r.id], (r) => r);
  }

  async mine(viewer: Viewer): Promise<ResourceEntity[]> {
    return this.dataSource.manager.find(ResourceEntity, { where: { authorId: viewer.id }, order: { createdAt: 'DESC' }, take: 200 });
  }

  /** Live postings for everyone; pending, hidden or expired ones for their author and staff only. */
  async find(id: string, viewer: Viewer): Promise<ResourceEntity | null> {
    if (!isUuid(id)) return null;
    const resource = await this.dataSource.manager.findOneBy(ResourceEntity, { id });
    if (!resource) return null;
    const live = resource.status === 'VISIBLE' && resource.expiresAt > new Date();
    return live || resource.authorId === viewer.id || hasRole(viewer.role, 'MODERATOR') ? resource : null;
  }

  /** Staff publish directly; members' postings wait for review (a PREMODERATION case). */
  async create(input: CreateResourceInput, viewer: Viewer): Promise<ResourceEntity> {
    if (!(await this.dataSource.manager.existsBy(ResourceBoardEntity, { id: input.boardId }))) {
      throw badInput('boardId', 'That board does not exist. Please choose one from the list.');
    }
    if (!input.title) throw badInput('title', 'Title is required.');
    if (!input.organization) throw badInput('organization', 'Organisation is required.');
    const staff = hasRole(viewer.role, 'MODERATOR');
    const screening = await this.screening.screen(viewer, `${input.title}\n${input.description ?? ''}`, { isNew: false });
    return inTransaction(this.dataSource, async (manager) => {
      const resource = await manager.save(
        manager.create(ResourceEntity, {
          boardId: input.boardId,
          authorId: viewer.id,
          title: input.title,
          organization: input.organization,
          description: input.description ?? '',
          descriptionHtml: renderMarkdown(input.description ?? ''),
          location: input.location || null,
          remote: input.remote ?? false,
          url: input.url || null,
          tags: normalizeTags(input.tags),
          contact: input.contact || null,
          expiresAt: new Date(Date.now() + (input.expiresInDays ?? LIMITS.resourceExpiryDaysDefault) * DAY),
          status: staff && !screening.review ? 'VISIBLE' : 'PENDING_REVIEW',
        }),
      );
      if (resource.status === 'PENDING_REVIEW') await this.openReview(manager, resource);
      return resource;
    });
  }

  /** Author or staff; a member's edit of a live posting sends it back to review. */
  async update(id: string, input: UpdateResourceInput, viewer: Viewer): Promise<ResourceEntity> {
    const resource = await this.find(id, viewer);
    if (!resource) throw notFound('That posting');
    const staff = hasRole(viewer.role, 'MODERATOR');
    if (resource.authorId !== viewer.id && !staff) throw forbidden('Only the author or a moderator can change this posting.');
    await this.screening.screen(viewer, `${input.title ?? ''}\n${input.description ?? ''}`, { isNew: false });
    return inTransaction(this.dataSource, async (manager) => {
      if (input.title !== undefined) resource.title = input.title;
      if (input.organization !== undefined) resource.organization = input.organization;
      if (input.description !== undefined) {
        resource.description = input.description;
        resource.descriptionHtml = renderMarkdown(input.description);
      }
      if (input.location !== undefined) resource.location = input.location || null;
      if (input.remote !== undefined) resource.remote = input.remote;
      if (input.url !== undefined) resource.url = input.url || null;
      if (input.tags !== undefined) resource.tags = normalizeTags(input.tags);
      if (input.contact !== undefined) resource.contact = input.contact || null;
      if (input.expiresInDays !== undefined) resource.expiresAt = new Date(Date.now() + input.expiresInDays * DAY);
      const backToReview = !staff && resource.status === 'VISIBLE';
      if (backToReview) resource.status = 'PENDING_REVIEW';
      const saved = await manager.save(resource);
      if (backToReview) await this.openReview(manager, saved);
      return saved;
    });
  }

  /** Moderators: the posting goes live and its author is told. */
  async approve(id: string, moderator: Viewer): Promise<ResourceEntity> {
    const resource = await this.find(id, moderator);
    if (!resource) throw notFound('That posting');
    return inTransaction(this.dataSource, async (manager) => {
      await this.setStatus(manager, resource, 'VISIBLE');
      await manager.query(
        `UPDATE flag_cases SET status = 'RESOLVED', resolved_by = $2, resolved_at = now()
          WHERE target_type = 'RESOURCE' AND target_id = $1 AND kind = 'PREMODERATION' AND status = 'OPEN'`,
        [resource.id, moderator.id],
      );
      return manager.findOneByOrFail(ResourceEntity, { id: resource.id });
    });
  }

  /** Used by approve and by the moderation queue (APPROVE / HIDE / REMOVE / RESTORE). */
  async setStatus(manager: EntityManager, resource: ResourceEntity, status: ContentStatus): Promise<void> {
    await manager.update(ResourceEntity, { id: resource.id }, { status });
    if (resource.status === 'PENDING_REVIEW' && (status === 'VISIBLE' || status === 'REMOVED')) {
      await this.outbox.enqueue(manager, NOTIFY_RESOURCE_DECISION, { resourceId: resource.id, approved: status === 'VISIBLE' });
    }
  }

  async save(id: string, saved: boolean, viewer: Viewer): Promise<ResourceEntity> {
    const resource = await this.find(id, viewer);
    if (!resource) throw notFound('That posting');
    if (saved) {
      await this.dataSource.query(`INSERT INTO resource_saves (resource_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [resource.id, viewer.id]);
    } else {
      await this.dataSource.query(`DELETE FROM resource_saves WHERE resource_id = $1 AND user_id = $2`, [resource.id, viewer.id]);
    }
    return resource;
  }

  /** One report per member; three members (or one moderator) send a live posting back to review. */
  async reportOutdated(id: string, note: string | undefined, viewer: Viewer): Promise<void> {
    const resource = await this.find(id, viewer);
    if (!resource) throw notFound('That posting');
    await inTransaction(this.dataSource, async (manager) => {
      await manager.query(
        `INSERT INTO resource_reports (resource_id, user_id, note) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [resource.id, viewer.id, note?.slice(0, 500) ?? null],
      );
      const [{ reports }]: { reports: number }[] = await manager.query(
        `SELECT count(*)::int AS reports FROM resource_reports WHERE resource_id = $1`,
        [resource.id],
      );
      const locked = await manager.findOne(ResourceEntity, { where: { id: resource.id }, lock: { mode: 'pessimistic_write' } });
      if (locked?.status === 'VISIBLE' && (reports >= OUTDATED_REPORTS_TO_REVIEW || hasRole(viewer.role, 'MODERATOR'))) {
        await manager.update(ResourceEntity, { id: resource.id }, { status: 'PENDING_REVIEW' });
        await this.openReview(manager, locked);
      }
    });
  }

  /** Author or staff: 30 more days from now (or from the current expiry if later), at most 180 ahead. */
  async renew(id: string, viewer: Viewer): Promise<ResourceEntity> {
    const resource = await this.find(id, viewer);
    if (!resource) throw notFound('That posting');
    if (resource.authorId !== viewer.id && !hasRole(viewer.role, 'MODERATOR')) {
      throw forbidden('Only the author or a moderator can renew this posting.');
    }
    const base = Math.max(Date.now(), resource.expiresAt.getTime());
    const until = Math.min(base + LIMITS.resourceExpiryDaysDefault * DAY, Date.now() + LIMITS.resourceExpiryDaysMax * DAY);
    await this.dataSource.manager.update(ResourceEntity, { id: resource.id }, { expiresAt: new Date(until) });
    return this.dataSource.manager.findOneByOrFail(ResourceEntity, { id: resource.id });
  }

  private async openReview(manager: EntityManager, resource: ResourceEntity): Promise<void> {
    await this.screening.openCase(manager, 'PREMODERATION', 'NORMAL', { type: 'RESOURCE', id: resource.id, authorId: resource.authorId });
  }
}

/** Tags are lower-cased, trimmed and unique. */
export function normalizeTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))];
}
