import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hasRole, LIMITS } from '@kinship/shared';
import type { SafetyResource } from '@kinship/shared';
import { isUuid } from '../../common/crypto';
import { renderMarkdown } from '../../common/markdown';
import { RateLimitService } from '../../common/rate-limit.service';
import { inTransaction } from '../../database/transaction';
import { badInput, DomainError, forbidden, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { blockedBetween } from '../accounts/blocks.service';
import { UserEntity } from '../accounts/entities/user.entity';
import { isNewMember } from '../discussions/posting-rules';
import { NotificationWriter } from '../notifications/notification-writer';
import { ScreeningService } from '../screening/screening.service';
import { relatedSql } from './conversation-access';
import { ConversationsService } from './conversations.service';
import { ConversationKind } from './entities/conversation.entity';
import { MessageEntity, MessageStatus } from './entities/message.entity';
import { CONVERSATION_MAX_PEOPLE, Reach, reachFor, refusalMessage } from './messaging-rules';
import { StartConversationInput } from './dto/conversation.inputs';

/** Where a conversation is read on the web. */
export const conversationPath = (id: string) => `/messages/${id}`;
export const REQUESTS_PATH = '/messages/requests';

export interface Sent {
  conversationId: string;
  message: MessageEntity;
  safetyResources: SafetyResource[];
}

interface RecipientFacts {
  id: string;
  display_name: string;
  gone: boolean;
  blocked: boolean;
  refuses: boolean;
  related: boolean;
  is_staff: boolean;
}

/** The rules' decision for one sender and one recipient, from what the database said of them. */
function reachOf(viewer: Viewer, author: UserEntity, recipient: RecipientFacts): Reach {
  return reachFor({
    senderIsStaff: hasRole(viewer.role, 'MODERATOR'),
    recipientIsStaff: recipient.is_staff,
    related: recipient.related,
    blocked: recipient.blocked,
    recipientRefusesRequests: recipient.refuses,
    senderIsNew: isNewMember(author.joinedAt),
    recipientGone: recipient.gone,
  });
}

/**
 * Writing conversations: starting one (directly, or as a request), sending, answering a request,
 * leaving, muting, deleting one's own message and the messaging settings. Messages are screened
 * as posts are (watched words, crisis detection) in the same transaction that stores them.
 */
@Injectable()
export class MessagingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reading: ConversationsService,
    private readonly screening: ScreeningService,
    private readonly notifications: NotificationWriter,
    private readonly rateLimits: RateLimitService,
  ) {}

  /**
   * Starts a conversation with 1 to 5 people. Everyone the viewer may write to directly is in it
   * at once; everyone else gets it as a request. One refusal refuses the whole conversation.
   */
  async start(viewer: Viewer, input: StartConversationInput): Promise<Sent> {
    const author = await this.dataSource.manager.findOneByOrFail(UserEntity, { id: viewer.id });
    const recipients = await this.recipientFacts(viewer, input);
    const reaches = recipients.map((r) => ({ recipient: r, reach: reachOf(viewer, author, r) }));
    for (const { recipient, reach } of reaches) {
      if (reach.kind === 'REFUSED')
        throw badInput('recipientIds', refusalMessage(reach.reason, recipient.display_name));
    }
    const requested = reaches.filter((r) => r.reach.kind === 'REQUEST').map((r) => r.recipient.id);
    const screening = await this.screening.screen(author, input.body, { isNew: false });
    await this.limitSending(viewer, requested);
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const conversationId = await this.open(manager, {
          kind: 'DIRECT',
          createdById: viewer.id,
          memberIds: reaches.filter((r) => r.reach.kind === 'DIRECT').map((r) => r.recipient.id),
          requestedIds: requested,
        });
        const message = await this.write(manager, viewer, conversationId, input.body, screening.review);
        const safetyResources = await this.screening.afterWrite(
          manager,
          { type: 'MESSAGE', id: message.id, authorId: viewer.id },
          screening,
        );
        return { conversationId, message, safetyResources };
      });
    } catch (error) {
      for (const id of requested) await this.rateLimits.refund('message-request-to', id);
      if (requested.length > 0) await this.rateLimits.refund('message-request', viewer.id);
      throw error;
    }
  }

  /**
   * Opens a conversation in the caller's transaction: the creator (if any) and `memberIds` are
   * ACTIVE, `requestedIds` are asked. Used by mentoring (an accepted pairing) and by moderators
   * reaching a member from a case. Returns its id.
   */
  async open(
    manager: EntityManager,
    spec: {
      kind: ConversationKind;
      createdById: string | null;
      memberIds: string[];
      requestedIds?: string[];
    },
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO conversations (kind, created_by) VALUES ($1, $2) RETURNING id`,
      [spec.kind, spec.createdById],
    );
    const active = [...new Set([...(spec.createdById ? [spec.createdById] : []), ...spec.memberIds])];
    await manager.query(
      `INSERT INTO conversation_members (conversation_id, user_id, status, last_read_at)
       SELECT $1::uuid, u, 'ACTIVE', CASE WHEN u = $3::uuid THEN now() END FROM unnest($2::uuid[]) u
       UNION ALL
       SELECT $1::uuid, u, 'REQUESTED', NULL FROM unnest($4::uuid[]) u`,
      [id, active, spec.createdById, spec.requestedIds ?? []],
    );
    return id;
  }

  /**
   * A moderator reaching a member from a case: their open CARE conversation if there is one
   * (both still in it), else a new one. Not across a block. Returns its id.
   */
  async openCare(moderator: Viewer, memberId: string): Promise<string> {
    if (memberId === moderator.id)
      throw badInput('caseId', 'This case is about you; another moderator should reach out.');
    return inTransaction(this.dataSource, async (manager) => {
      // One at a time per pair, so two clicks open one conversation.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('care-conversation'), hashtext($1 || $2))`, [
        moderator.id,
        memberId,
      ]);
      const [member]: { blocked: boolean; gone: boolean }[] = await manager.query(
        `SELECT ${blockedBetween('u.id', '$2::uuid')} AS blocked, u.deleted_at IS NOT NULL AS gone FROM users u WHERE u.id = $1`,
        [memberId, moderator.id],
      );
      if (!member || member.gone) throw notFound('That member');
      if (member.blocked)
        throw forbidden("You can't message this member. Ask another moderator to reach out.");
      const [existing]: { id: string }[] = await manager.query(
        `SELECT c.id FROM conversations c
          WHERE c.kind = 'CARE'
            AND (SELECT count(*) FROM conversation_members m WHERE m.conversation_id = c.id) = 2
            AND EXISTS (SELECT 1 FROM conversation_members m WHERE m.conversation_id = c.id AND m.user_id = $1 AND m.status = 'ACTIVE')
            AND EXISTS (SELECT 1 FROM conversation_members m WHERE m.conversation_id = c.id AND m.user_id = $2 AND m.status = 'ACTIVE')
          ORDER BY c.last_message_at DESC LIMIT 1`,
        [moderator.id, memberId],
      );
      if (existing) return existing.id;
      return this.open(manager, { kind: 'CARE', createdById: moderator.id, memberIds: [memberId] });
    });
  }

  /** Sends a message in a conversation the viewer is ACTIVE in, with someone there to read it. */
  async send(viewer: Viewer, conversationId: string, body: string): Promise<Sent> {
    const author = await this.dataSource.manager.findOneByOrFail(UserEntity, { id: viewer.id });
    const state = await this.reading.sendState(viewer.id, conversationId);
    if (!state.canSend) {
      if (state.reason === 'This conversation could not be found.') throw notFound('That conversation');
      throw forbidden(state.reason ?? "You can't send messages in this conversation.");
    }
    const screening = await this.screening.screen(author, body, { isNew: false });
    await this.limitSending(viewer, []);
    return inTransaction(this.dataSource, async (manager) => {
      // The membership row, locked: a leave or a block racing this send is seen before the write.
      const [me]: { status: string }[] = await manager.query(
        `SELECT status FROM conversation_members WHERE conversation_id = $1 AND user_id = $2 FOR UPDATE`,
        [conversationId, viewer.id],
      );
      if (me?.status !== 'ACTIVE') throw notFound('That conversation');
      const message = await this.write(manager, viewer, conversationId, body, screening.review);
      const safetyResources = await this.screening.afterWrite(
        manager,
        { type: 'MESSAGE', id: message.id, authorId: viewer.id },
        screening,
      );
      return { conversationId, message, safetyResources };
    });
  }

  /** Stores a message, moves the conversation up and tells the others (unless it waits for review). */
  private async write(
    manager: EntityManager,
    viewer: Viewer,
    conversationId: string,
    body: string,
    heldForReview: boolean,
  ): Promise<MessageEntity> {
    const status: MessageStatus = heldForReview ? 'PENDING_REVIEW' : 'VISIBLE';
    const message = await manager.save(
      manager.create(MessageEntity, {
        conversationId,
        authorId: viewer.id,
        body,
        bodyHtml: renderMarkdown(body),
        status,
      }),
    );
    await manager.query(`UPDATE conversations SET last_message_at = $2 WHERE id = $1`, [
      conversationId,
      message.createdAt,
    ]);
    await manager.query(
      `UPDATE conversation_members SET last_read_at = GREATEST(last_read_at, $3) WHERE conversation_id = $1 AND user_id = $2`,
      [conversationId, viewer.id, message.createdAt],
    );
    if (status === 'VISIBLE') await this.announce(manager, message);
    return message;
  }

  /**
   * Tells the others of a visible message: a request notification to those asked, and to those
   * in it one notification per unread stretch (renamed as more arrive, so a busy conversation is
   * one line and one email). Muted members and anyone across a block from the author hear nothing.
   */
  async announce(manager: EntityManager, message: MessageEntity): Promise<void> {
    if (!message.authorId) return;
    const [{ people }]: { people: number }[] = await manager.query(
      `SELECT count(*)::int AS people FROM conversation_members WHERE conversation_id = $1 AND status IN ('ACTIVE', 'REQUESTED')`,
      [message.conversationId],
    );
    const title = people > 2 ? `' wrote in a conversation with you.'` : `' sent you a message.'`;
    await this.notifications.fanOut(manager, {
      type: 'NEW_MESSAGE',
      onRepeat: 'retitle',
      actor: '$2::uuid',
      recipients: `
        SELECT m.user_id, a.display_name || ${title} AS title, 'Open Messages in Kinship to read it.' AS body,
               $3::text AS url,
               'message:' || $1::text || ':' || floor(extract(epoch FROM COALESCE(m.last_read_at, m.joined_at)) * 1000)::bigint AS source_key
          FROM conversation_members m JOIN users a ON a.id = $2::uuid
         WHERE m.conversation_id = $1::uuid AND m.user_id <> $2::uuid AND m.status = 'ACTIVE' AND NOT m.muted`,
      params: [message.conversationId, message.authorId, conversationPath(message.conversationId)],
    });
    await this.notifications.fanOut(manager, {
      type: 'MESSAGE_REQUEST',
      sourceKey: `message-request:${message.conversationId}`,
      actor: '$2::uuid',
      recipients: `
        SELECT m.user_id, a.display_name || ' would like to send you a message.' AS title,
               'You can accept or decline it in Messages.' AS body, $3::text AS url
          FROM conversation_members m JOIN users a ON a.id = $2::uuid
         WHERE m.conversation_id = $1::uuid AND m.status = 'REQUESTED'`,
      params: [message.conversationId, message.authorId, REQUESTS_PATH],
    });
  }

  /** Marks everything in the conversation read for the viewer, with its notifications. */
  async markRead(viewer: Viewer, conversationId: string): Promise<void> {
    if (!isUuid(conversationId)) throw notFound('That conversation');
    await inTransaction(this.dataSource, async (manager) => {
      const [, count]: [unknown, number] = await manager.query(
        `UPDATE conversation_members SET last_read_at = now()
          WHERE conversation_id = $1 AND user_id = $2 AND status IN ('ACTIVE', 'REQUESTED')`,
        [conversationId, viewer.id],
      );
      if (count === 0) throw notFound('That conversation');
      await this.readNotifications(manager, viewer.id, conversationId);
    });
  }

  private async readNotifications(
    manager: EntityManager,
    userId: string,
    conversationId: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE notifications SET read_at = now()
        WHERE user_id = $1 AND read_at IS NULL AND (source_key LIKE $2 OR source_key = $3)`,
      [userId, `message:${conversationId}:%`, `message-request:${conversationId}`],
    );
  }

  /**
   * Accepting makes the viewer ACTIVE and the one who asked a contact (they may write to each
   * other from now on); declining leaves them DECLINED, which the sender reads as "not accepted".
   */
  async respond(viewer: Viewer, conversationId: string, accept: boolean): Promise<void> {
    if (!isUuid(conversationId)) throw notFound('That request');
    await inTransaction(this.dataSource, async (manager) => {
      const [row]: { created_by: string | null; blocked: boolean }[] = await manager.query(
        `SELECT c.created_by, (c.created_by IS NOT NULL AND ${blockedBetween('c.created_by', '$2::uuid')}) AS blocked
           FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.conversation_id = $1 AND m.user_id = $2 AND m.status = 'REQUESTED'
          FOR UPDATE OF m`,
        [conversationId, viewer.id],
      );
      if (!row || (accept && row.blocked)) throw notFound('That request');
      await manager.query(
        `UPDATE conversation_members SET status = $3 WHERE conversation_id = $1 AND user_id = $2`,
        [conversationId, viewer.id, accept ? 'ACTIVE' : 'DECLINED'],
      );
      if (!accept) await this.readNotifications(manager, viewer.id, conversationId);
      if (accept && row.created_by) {
        await manager.query(
          `INSERT INTO message_contacts (user_a, user_b) VALUES (LEAST($1::uuid, $2::uuid), GREATEST($1::uuid, $2::uuid))
           ON CONFLICT DO NOTHING`,
          [viewer.id, row.created_by],
        );
      }
    });
  }

  /** Leaves a conversation: the viewer no longer reads it, and the others see that they left. */
  async leave(viewer: Viewer, conversationId: string): Promise<void> {
    if (!isUuid(conversationId)) throw notFound('That conversation');
    await inTransaction(this.dataSource, async (manager) => {
      const [, count]: [unknown, number] = await manager.query(
        `UPDATE conversation_members SET status = CASE WHEN status = 'REQUESTED' THEN 'DECLINED' ELSE 'LEFT' END
          WHERE conversation_id = $1 AND user_id = $2 AND status IN ('ACTIVE', 'REQUESTED')`,
        [conversationId, viewer.id],
      );
      if (count === 0) throw notFound('That conversation');
      await this.readNotifications(manager, viewer.id, conversationId);
    });
  }

  async mute(viewer: Viewer, conversationId: string, muted: boolean): Promise<void> {
    if (!isUuid(conversationId)) throw notFound('That conversation');
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE conversation_members SET muted = $3 WHERE conversation_id = $1 AND user_id = $2 AND status = 'ACTIVE'`,
      [conversationId, viewer.id, muted],
    );
    if (count === 0) throw notFound('That conversation');
  }

  /**
   * Deletes the viewer's own message: it reads "message removed" to everyone. Its words are
   * erased, unless a case holds it (a report or a crisis alert), where moderators keep them.
   */
  async deleteMessage(viewer: Viewer, messageId: string): Promise<MessageEntity> {
    if (!isUuid(messageId)) throw notFound('That message');
    const [rows]: [MessageEntity[], number] = await this.dataSource.query(
      `UPDATE messages x SET deleted_at = now(),
              body = CASE WHEN held THEN x.body ELSE '' END,
              body_html = CASE WHEN held THEN x.body_html ELSE '' END
         FROM (SELECT EXISTS (SELECT 1 FROM reported_messages r WHERE r.message_id = $1)
                   OR EXISTS (SELECT 1 FROM flag_cases f WHERE f.target_type = 'MESSAGE' AND f.target_id = $1) AS held) h
        WHERE x.id = $1 AND x.author_id = $2 AND x.deleted_at IS NULL
        RETURNING x.id`,
      [messageId, viewer.id],
    );
    if (rows.length === 0) throw notFound('That message');
    return this.dataSource.manager.findOneByOrFail(MessageEntity, { id: messageId });
  }

  async settings(viewerId: string): Promise<{ allowRequests: boolean }> {
    const [row]: { allow_requests: boolean }[] = await this.dataSource.query(
      `SELECT allow_requests FROM message_settings WHERE user_id = $1`,
      [viewerId],
    );
    return { allowRequests: row?.allow_requests ?? true };
  }

  async setAllowRequests(viewerId: string, allow: boolean): Promise<{ allowRequests: boolean }> {
    await this.dataSource.query(
      `INSERT INTO message_settings (user_id, allow_requests) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET allow_requests = EXCLUDED.allow_requests, updated_at = now()`,
      [viewerId, allow],
    );
    return this.settings(viewerId);
  }

  /** How the viewer could reach one member: directly, by request, or not at all. */
  async reach(viewer: Viewer, userId: string): Promise<'DIRECT' | 'REQUEST' | 'NONE'> {
    if (!isUuid(userId) || userId === viewer.id) return 'NONE';
    const author = await this.dataSource.manager.findOneByOrFail(UserEntity, { id: viewer.id });
    const [facts] = await this.factsFor(viewer.id, [userId], []);
    if (!facts) return 'NONE';
    const reach = reachOf(viewer, author, facts);
    return reach.kind === 'REFUSED' ? 'NONE' : reach.kind;
  }

  /** The recipients named by id or display name, with what decides whether the viewer may write to them. */
  private async recipientFacts(viewer: Viewer, input: StartConversationInput): Promise<RecipientFacts[]> {
    const ids = input.recipientIds ?? [];
    const names = (input.recipientNames ?? []).map((n) => n.trim()).filter((n) => n !== '');
    if (ids.length + names.length === 0) {
      throw badInput('recipientIds', 'Choose who you would like to write to.');
    }
    const facts = await this.factsFor(viewer.id, ids, names);
    for (const name of names) {
      if (!facts.some((f) => f.display_name.toLowerCase() === name.toLowerCase())) {
        throw badInput('recipientNames', refusalMessage('UNKNOWN', name));
      }
    }
    if (ids.some((id) => !facts.some((f) => f.id === id))) {
      throw badInput('recipientIds', refusalMessage('UNKNOWN', 'that member'));
    }
    const unique = [...new Map(facts.map((f) => [f.id, f])).values()];
    // Two people across a block are never put in one conversation (it would show each to the other).
    if (unique.length > 1) {
      const [{ separated }]: { separated: boolean }[] = await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM blocks WHERE blocker_id = ANY($1::uuid[]) AND blocked_id = ANY($1::uuid[])) AS separated`,
        [unique.map((f) => f.id)],
      );
      if (separated) {
        throw badInput(
          'recipientIds',
          "We couldn't start a conversation with all of these people together. Try writing to them separately.",
        );
      }
    }
    if (unique.some((f) => f.id === viewer.id)) {
      throw badInput('recipientIds', "You can't start a conversation with yourself.");
    }
    if (unique.length + 1 > CONVERSATION_MAX_PEOPLE) {
      throw badInput(
        'recipientIds',
        `A conversation has at most ${CONVERSATION_MAX_PEOPLE} people, you included.`,
      );
    }
    return unique;
  }

  private factsFor(viewerId: string, ids: string[], names: string[]): Promise<RecipientFacts[]> {
    return this.dataSource.query(
      `SELECT u.id, u.display_name, u.deleted_at IS NOT NULL AS gone,
              ${blockedBetween('u.id', '$1::uuid')} AS blocked,
              NOT COALESCE(ms.allow_requests, true) AS refuses,
              ${relatedSql('$1::uuid', 'u.id')} AS related,
              u.role IN ('MODERATOR', 'ADMIN') AS is_staff
         FROM users u LEFT JOIN message_settings ms ON ms.user_id = u.id
        WHERE u.id = ANY($2::uuid[]) OR (lower(u.display_name) = ANY($3::text[]) AND u.deleted_at IS NULL)`,
      [viewerId, ids, names.map((n) => n.toLowerCase()).slice(0, LIMITS.pageSizeMax)],
    );
  }

  /**
   * Pace: every sender (staff excepted) sends at most a message a second on average; a request
   * counts against the sender's daily requests and each recipient's requests received.
   */
  private async limitSending(viewer: Viewer, requested: string[]): Promise<void> {
    if (hasRole(viewer.role, 'MODERATOR')) return;
    await this.rateLimits.consume(
      'message',
      viewer.id,
      (seconds) =>
        new DomainError(
          'RATE_LIMITED',
          `You are sending messages quickly. You can send again in ${Math.ceil(seconds)} seconds.`,
          {
            retryAfterSeconds: Math.ceil(seconds),
          },
        ),
    );
    if (requested.length === 0) return;
    const later = (seconds: number) =>
      new DomainError(
        'RATE_LIMITED',
        `You have sent as many message requests as Kinship allows for now. You can send another in ${Math.max(1, Math.ceil(seconds / 3600))} hour(s).`,
        { retryAfterSeconds: Math.ceil(seconds) },
      );
    await this.rateLimits.consume('message-request', viewer.id, later);
    for (const [i, id] of requested.entries()) {
      try {
        await this.rateLimits.consume(
          'message-request-to',
          id,
          (seconds) =>
            new DomainError(
              'RATE_LIMITED',
              'This member has had many message requests today. Please try again tomorrow.',
              {
                retryAfterSeconds: Math.ceil(seconds),
                field: 'recipientIds',
              },
            ),
        );
      } catch (error) {
        // Nothing was sent: give back what this attempt counted.
        await this.rateLimits.refund('message-request', viewer.id);
        for (const done of requested.slice(0, i)) await this.rateLimits.refund('message-request-to', done);
        throw error;
      }
    }
  }

  /** A moderator's decision on reported messages: REMOVED for everyone, or VISIBLE again (an upheld appeal). */
  async setStatusOfReported(
    manager: EntityManager,
    ids: string[],
    status: 'VISIBLE' | 'REMOVED',
  ): Promise<void> {
    await manager.query(
      `UPDATE messages SET status = $2 WHERE id = ANY($1::uuid[]) AND status <> 'PENDING_REVIEW'`,
      [ids, status],
    );
  }

  /** A moderator's decision on a message held for review or reported: VISIBLE (and announced) or REMOVED. */
  async setStatus(manager: EntityManager, message: MessageEntity, status: MessageStatus): Promise<void> {
    await manager.update(MessageEntity, { id: message.id }, { status });
    if (status === 'VISIBLE' && message.status === 'PENDING_REVIEW')
      await this.announce(manager, { ...message, status });
  }
}
