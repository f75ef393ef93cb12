import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LIMITS } from '@kinship/shared';
import { isUuid } from '../../common/crypto';
import { isUniqueViolation } from '../../common/db-errors';
import { stripInvisibleFormatting } from '../../common/validators';
import { badInput, conflict, notFound } from '../../graphql/errors';
import { MentorTopicEntity } from './entities/mentor-topic.entity';
import { MentorTopic } from './models/mentor.models';

export function toMentorTopic(entity: MentorTopicEntity): MentorTopic {
  return { id: entity.id, label: entity.label, archived: entity.archivedAt !== null };
}

const LABEL_KEY = 'mentor_topics_label_key';

/** The list of what mentors can help with: everyone reads it, admins manage it. */
@Injectable()
export class MentorTopicsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** In the admins' order; archived ones only when asked for. */
  list(includeArchived: boolean): Promise<MentorTopicEntity[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(MentorTopicEntity, 't')
      .orderBy('t.position', 'ASC')
      .addOrderBy('t.label', 'ASC');
    if (!includeArchived) query.where('t.archivedAt IS NULL');
    return query.getMany();
  }

  /** Per id, the topic (archived ones too, as old profiles and pairings still name them), or null. */
  async byIds(ids: readonly string[]): Promise<(MentorTopic | null)[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(MentorTopicEntity, 't')
      .where('t.id = ANY(:ids)', { ids: ids.filter(isUuid) })
      .getMany();
    const byId = new Map(rows.map((r) => [r.id, toMentorTopic(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * Refuses ids that are not current topics (unknown or archived), naming `field`. A topic
   * archived after someone chose it may stay on what they saved before (`keep`).
   */
  async checkChoosable(
    manager: EntityManager,
    field: string,
    ids: string[],
    keep: string[] = [],
  ): Promise<void> {
    if (ids.length === 0) return;
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM mentor_topics WHERE id = ANY($1::uuid[]) AND (archived_at IS NULL OR id = ANY($2::uuid[]))`,
      [ids, keep],
    );
    if (rows.length !== new Set(ids).size) {
      throw badInput(
        field,
        'One of the topics chosen is no longer offered. Please choose again from the list.',
      );
    }
  }

  async create(rawLabel: string): Promise<MentorTopicEntity> {
    const label = cleanLabel(rawLabel);
    try {
      const [{ id }]: { id: string }[] = await this.dataSource.query(
        `INSERT INTO mentor_topics (label, position)
         VALUES ($1, (SELECT COALESCE(max(position) + 1, 0) FROM mentor_topics)) RETURNING id`,
        [label],
      );
      return this.dataSource.manager.findOneByOrFail(MentorTopicEntity, { id });
    } catch (error) {
      if (isUniqueViolation(error, LABEL_KEY)) throw taken(label);
      throw error;
    }
  }

  async update(
    id: string,
    changes: { label?: string | null; archived?: boolean | null },
  ): Promise<MentorTopicEntity> {
    const topic = isUuid(id) ? await this.dataSource.manager.findOneBy(MentorTopicEntity, { id }) : null;
    if (!topic) throw notFound('That topic');
    const label = changes.label == null ? topic.label : cleanLabel(changes.label);
    const archivedAt =
      changes.archived == null
        ? topic.archivedAt
        : changes.archived
          ? (topic.archivedAt ?? new Date())
          : null;
    try {
      await this.dataSource.manager.update(MentorTopicEntity, { id }, { label, archivedAt });
    } catch (error) {
      if (isUniqueViolation(error, LABEL_KEY)) throw taken(label);
      throw error;
    }
    return this.dataSource.manager.findOneByOrFail(MentorTopicEntity, { id });
  }
}

function cleanLabel(raw: unknown): string {
  const label = typeof raw === 'string' ? stripInvisibleFormatting(raw).trim().replace(/\s+/g, ' ') : '';
  if (label === '') throw badInput('label', 'Label must name the topic, such as "Returning to work".');
  if (label.length > LIMITS.mentorTopicLabelMax) {
    throw badInput('label', `Label can be at most ${LIMITS.mentorTopicLabelMax} characters.`);
  }
  return label;
}

const taken = (label: string) =>
  conflict(`Label "${label}" is already a topic (labels are the same whatever their case).`, 'label');
