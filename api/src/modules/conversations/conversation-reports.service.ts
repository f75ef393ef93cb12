import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hasRole } from '@kinship/shared';
import { isUuid } from '../../common/crypto';
import { RateLimitService } from '../../common/rate-limit.service';
import { inTransaction } from '../../database/transaction';
import { badInput } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { ScreeningService } from '../screening/screening.service';
import { readableMessageSql } from './conversation-access';
import { ReportConversationInput } from './dto/conversation.inputs';
import { MessageEntity } from './entities/message.entity';
import { CaseMessage } from './models/conversation.models';

/** How many earlier messages a report shares with each reported one, for context. */
export const REPORT_CONTEXT = 5;

/**
 * The only ways a moderator reads a private message: the messages a participant reported (with
 * the five before each), and the one message a crisis or review case is about.
 */
@Injectable()
export class ConversationReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly screening: ScreeningService,
    private readonly rateLimits: RateLimitService,
  ) {}

  /**
   * A participant (still in it, or one who left, declined or blocked the sender since: the
   * report is often why) reports messages of the conversation. They gather into the
   * conversation's open case of that kind (SUPPORT for "may need support", else RULES).
   */
  async report(viewer: Viewer, input: ReportConversationInput): Promise<void> {
    if (input.reason === 'OTHER' && !input.note) {
      throw badInput('note', 'Please add a short note saying what is wrong when the reason is "Other".');
    }
    const reported: { id: string; author_id: string | null; created_at: Date }[] = await this.dataSource.query(
      `SELECT x.id, x.author_id, x.created_at FROM messages x
        WHERE x.id = ANY($1::uuid[]) AND x.conversation_id = $2
          AND EXISTS (SELECT 1 FROM conversation_members m WHERE m.conversation_id = $2 AND m.user_id = $3)
          AND (x.status <> 'PENDING_REVIEW' OR x.author_id = $3)`,
      [input.messageIds, input.conversationId, viewer.id],
    );
    if (reported.length !== input.messageIds.length) {
      throw badInput('messageIds', 'Some of those messages are not in this conversation.');
    }
    const authors = [...new Set(reported.map((r) => r.author_id).filter((a): a is string => a !== null && a !== viewer.id))];
    if (authors.length === 0) throw badInput('messageIds', 'Choose a message someone else sent.');
    if (!hasRole(viewer.role, 'MODERATOR')) await this.rateLimits.consume('flag', viewer.id);
    const support = input.reason === 'SUPPORT';
    await inTransaction(this.dataSource, async (manager) => {
      const { id: caseId } = await this.screening.openCase(manager, support ? 'SUPPORT' : 'RULES', support || input.reason === 'SAFETY' ? 'HIGH' : 'NORMAL', {
        type: 'CONVERSATION',
        id: input.conversationId,
        // The case is about the person whose messages were reported (the first, if several).
        authorId: authors[0],
      });
      await manager.query(
        `INSERT INTO flags (case_id, flagger_id, target_type, target_id, reason, note)
         VALUES ($1, $2, 'CONVERSATION', $3, $4, $5)
         ON CONFLICT (flagger_id, target_type, target_id)
         DO UPDATE SET case_id = EXCLUDED.case_id, reason = EXCLUDED.reason, note = COALESCE(EXCLUDED.note, flags.note)`,
        [caseId, viewer.id, input.conversationId, input.reason, input.note ?? null],
      );
      // The reported messages, and the five the reporter could read before each one.
      await manager.query(
        `INSERT INTO reported_messages (case_id, message_id, reported)
         SELECT $1, x.id, x.id = ANY($2::uuid[]) FROM messages x
          WHERE x.id = ANY($2::uuid[])
             OR x.id IN (SELECT c.id FROM unnest($2::uuid[]) r(id)
                           JOIN messages rm ON rm.id = r.id
                           CROSS JOIN LATERAL (
                             SELECT y.id FROM messages y
                              WHERE y.conversation_id = rm.conversation_id AND (y.created_at, y.id) < (rm.created_at, rm.id)
                                AND ${readableMessageSql('y', '$3::uuid')}
                              ORDER BY y.created_at DESC, y.id DESC LIMIT ${REPORT_CONTEXT}) c)
         ON CONFLICT (case_id, message_id) DO UPDATE SET reported = reported_messages.reported OR EXCLUDED.reported`,
        [caseId, input.messageIds, viewer.id],
      );
    });
  }

  /**
   * Per case, the messages its moderators may read: a MESSAGE case's one message, or a
   * CONVERSATION case's shared ones, oldest first. Only the moderation queue calls this.
   */
  async messagesForCases(cases: readonly { id: string; targetType: string; targetId: string }[]): Promise<CaseMessage[][]> {
    const rows: {
      case_id: string;
      id: string;
      author_id: string | null;
      body_html: string;
      status: string;
      deleted_at: Date | null;
      created_at: Date;
      reported: boolean;
    }[] = await this.dataSource.query(
      `SELECT r.case_id, x.id, x.author_id, x.body_html, x.status, x.deleted_at, x.created_at, r.reported
         FROM reported_messages r JOIN messages x ON x.id = r.message_id
        WHERE r.case_id = ANY($1::uuid[])
       UNION ALL
       SELECT f.id AS case_id, x.id, x.author_id, x.body_html, x.status, x.deleted_at, x.created_at, true AS reported
         FROM flag_cases f JOIN messages x ON x.id = f.target_id
        WHERE f.id = ANY($1::uuid[]) AND f.target_type = 'MESSAGE'
       ORDER BY created_at, id`,
      [cases.map((c) => c.id)],
    );
    return cases.map((c) =>
      rows
        .filter((r) => r.case_id === c.id)
        .map((r) => ({
          id: r.id,
          authorId: r.author_id,
          // A message its author deleted keeps its words here only while a case holds it.
          bodyHtml: r.body_html === '' ? null : r.body_html,
          reported: r.reported,
          removed: r.status === 'REMOVED' || r.deleted_at !== null,
          createdAt: r.created_at,
        })),
    );
  }

  /**
   * A message a moderator may act on: only one a case is about, or one a report shared; null
   * otherwise, so no moderation path reads any other message.
   */
  async messageForCase(id: string): Promise<MessageEntity | null> {
    if (!isUuid(id)) return null;
    const [row]: { id: string }[] = await this.dataSource.query(
      `SELECT x.id FROM messages x
        WHERE x.id = $1 AND (EXISTS (SELECT 1 FROM flag_cases f WHERE f.target_type = 'MESSAGE' AND f.target_id = x.id)
                          OR EXISTS (SELECT 1 FROM reported_messages r WHERE r.message_id = x.id))`,
      [id],
    );
    return row ? this.dataSource.manager.findOneBy(MessageEntity, { id }) : null;
  }

  /**
   * A reported conversation as moderation acts on it: the member the reports are about, the
   * messages reported in it (not the context around them), and VISIBLE while any of those still
   * shows. Null when no report was made on it, so no moderation path reaches any other conversation.
   */
  async reportedConversation(
    id: string,
  ): Promise<{ authorId: string | null; messageIds: string[]; status: 'VISIBLE' | 'REMOVED' } | null> {
    if (!isUuid(id)) return null;
    // The newest case's member; only their reported messages (never the reporter's, never context).
    const [row]: { author_id: string | null; ids: string[] | null; visible: boolean | null }[] = await this.dataSource.query(
      `WITH about AS (SELECT target_user_id FROM flag_cases WHERE target_type = 'CONVERSATION' AND target_id = $1
                       ORDER BY (status = 'OPEN') DESC, created_at DESC LIMIT 1)
       SELECT a.target_user_id AS author_id,
              array_agg(DISTINCT x.id) FILTER (WHERE x.id IS NOT NULL) AS ids,
              bool_or(x.status = 'VISIBLE' AND x.deleted_at IS NULL) AS visible
         FROM about a
         LEFT JOIN flag_cases f ON f.target_type = 'CONVERSATION' AND f.target_id = $1
         LEFT JOIN reported_messages r ON r.case_id = f.id AND r.reported
         LEFT JOIN messages x ON x.id = r.message_id AND x.author_id = a.target_user_id
        GROUP BY a.target_user_id`,
      [id],
    );
    if (!row) return null;
    return { authorId: row.author_id, messageIds: row.ids ?? [], status: row.visible ? 'VISIBLE' : 'REMOVED' };
  }
}
