import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUuid } from '../../common/crypto';
import { Connection, decodeCursor, PageArgs, pageSize, toConnection } from '../../graphql/connection';
import { blockedBetween } from '../accounts/blocks.service';
import { ConversationKind } from './entities/conversation.entity';
import { MemberStatus } from './entities/conversation-member.entity';
import { MessageEntity, MessageStatus } from './entities/message.entity';
import { readableMessageSql, unreadMessageSql } from './conversation-access';
import { Conversation, ConversationParticipant, Message, participantState, SendState } from './models/conversation.models';

/** A conversation row joined with the viewer's own membership. */
interface ConversationRow {
  id: string;
  kind: ConversationKind;
  created_by: string | null;
  created_at: Date;
  last_message_at: Date;
  status: MemberStatus;
  muted: boolean;
  unread: number;
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  author_id: string | null;
  body_html: string;
  status: MessageStatus;
  deleted_at: Date | null;
  created_at: Date;
}

export function toMessage(row: MessageRow, viewerId: string): Message {
  const removed = row.deleted_at !== null || row.status === 'REMOVED';
  return {
    id: row.id,
    conversationId: row.conversation_id,
    authorId: row.author_id,
    bodyHtml: removed ? null : row.body_html,
    removed,
    heldForReview: row.status === 'PENDING_REVIEW',
    mine: row.author_id === viewerId,
    createdAt: row.created_at,
  };
}

/** The same, from a stored entity (just written). */
export function messageFromEntity(entity: MessageEntity, viewerId: string): Message {
  return toMessage(
    {
      id: entity.id,
      conversation_id: entity.conversationId,
      author_id: entity.authorId,
      body_html: entity.bodyHtml,
      status: entity.status,
      deleted_at: entity.deletedAt ?? null,
      created_at: entity.createdAt,
    },
    viewerId,
  );
}

function toConversation(row: ConversationRow, viewerId: string): Conversation {
  return {
    id: row.id,
    kind: row.kind,
    createdAt: row.created_at,
    lastMessageAt: row.last_message_at,
    isRequest: row.status === 'REQUESTED',
    muted: row.muted,
    unreadCount: row.unread,
    startedByMe: row.created_by === viewerId,
    createdById: row.created_by,
  };
}

/** A request still worth answering: its sender is not across a block from the member, nor gone. */
function liveRequestSql(c: string, m: string): string {
  return `NOT EXISTS (SELECT 1 FROM users s WHERE s.id = ${c}.created_by AND (s.deleted_at IS NOT NULL OR ${blockedBetween('s.id', `${m}.user_id`)}))`;
}

const MESSAGE_COLUMNS = `x.id, x.conversation_id, x.author_id, x.body_html, x.status, x.deleted_at, x.created_at`;

/**
 * Reading conversations. Every read starts from the viewer's own membership row (ACTIVE, or
 * REQUESTED for a request to them): no role widens it, so a moderator or admin reads no one
 * else's conversation here. Moderators read reported messages through ConversationReports only.
 */
@Injectable()
export class ConversationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private conversationsSql(where: string): string {
    return `SELECT c.id, c.kind, c.created_by, c.created_at, c.last_message_at, m.status, m.muted,
                   (SELECT count(*)::int FROM (SELECT 1 FROM messages x WHERE x.conversation_id = c.id AND ${unreadMessageSql('x', 'm')} LIMIT 99) u) AS unread
              FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
             WHERE m.user_id = $1 AND ${where}`;
  }

  /** The viewer's conversations (not requests to them), latest activity first. */
  async list(viewerId: string, args: PageArgs): Promise<Connection<Conversation>> {
    const first = pageSize(args);
    const cursor = decodeCursor(args.after, ['iso', 'uuid']);
    const rows: ConversationRow[] = await this.dataSource.query(
      `${this.conversationsSql(`m.status = 'ACTIVE'`)}
         ${cursor ? `AND (c.last_message_at, c.id) < ($3::timestamptz, $4::uuid)` : ''}
       ORDER BY c.last_message_at DESC, c.id DESC LIMIT $2`,
      [viewerId, first + 1, ...(cursor ?? [])],
    );
    return toConnection(rows, first, (r) => [r.last_message_at.toISOString(), r.id], (r) => toConversation(r, viewerId));
  }

  /** Message requests to the viewer, newest first. */
  async requests(viewerId: string): Promise<Conversation[]> {
    const rows: ConversationRow[] = await this.dataSource.query(
      `${this.conversationsSql(`m.status = 'REQUESTED' AND ${liveRequestSql('c', 'm')}`)} ORDER BY c.last_message_at DESC, c.id DESC LIMIT 50`,
      [viewerId],
    );
    return rows.map((r) => toConversation(r, viewerId));
  }

  /** One conversation the viewer is in (or is asked into); null otherwise, whoever they are. */
  async find(viewerId: string, id: string): Promise<Conversation | null> {
    if (!isUuid(id)) return null;
    const [row]: ConversationRow[] = await this.dataSource.query(
      `${this.conversationsSql(`m.status IN ('ACTIVE', 'REQUESTED') AND c.id = $2`)}`,
      [viewerId, id],
    );
    return row ? toConversation(row, viewerId) : null;
  }

  /** Conversations with unread messages, plus requests waiting: the header badge. */
  async unreadCount(viewerId: string): Promise<number> {
    const [{ count }]: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.user_id = $1
          AND ((m.status = 'REQUESTED' AND ${liveRequestSql('c', 'm')})
               OR (m.status = 'ACTIVE' AND EXISTS (SELECT 1 FROM messages x WHERE x.conversation_id = m.conversation_id AND ${unreadMessageSql('x', 'm')})))`,
      [viewerId],
    );
    return count;
  }

  /** A page of messages, newest first; `after` pages back in time. */
  async messages(viewerId: string, conversationId: string, args: PageArgs): Promise<Connection<Message>> {
    const first = pageSize(args);
    const cursor = decodeCursor(args.after, ['iso', 'uuid']);
    const rows: MessageRow[] = await this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS}
         FROM messages x
        WHERE x.conversation_id = $1
          AND EXISTS (SELECT 1 FROM conversation_members m WHERE m.conversation_id = $1 AND m.user_id = $2 AND m.status IN ('ACTIVE', 'REQUESTED'))
          AND ${readableMessageSql('x', '$2::uuid')}
          ${cursor ? `AND (x.created_at, x.id) < ($4::timestamptz, $5::uuid)` : ''}
        ORDER BY x.created_at DESC, x.id DESC LIMIT $3`,
      [conversationId, viewerId, first + 1, ...(cursor ?? [])],
    );
    return toConnection(rows, first, (r) => [r.created_at.toISOString(), r.id], (r) => toMessage(r, viewerId));
  }

  /** Per conversation, the newest message the viewer reads. */
  async lastMessages(viewerId: string, ids: readonly string[]): Promise<(Message | null)[]> {
    const rows: MessageRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (x.conversation_id) ${MESSAGE_COLUMNS}
         FROM messages x
        WHERE x.conversation_id = ANY($1::uuid[]) AND ${readableMessageSql('x', '$2::uuid')}
          AND EXISTS (SELECT 1 FROM conversation_members me WHERE me.conversation_id = x.conversation_id AND me.user_id = $2
                        AND me.status IN ('ACTIVE', 'REQUESTED'))
        ORDER BY x.conversation_id, x.created_at DESC, x.id DESC`,
      [ids, viewerId],
    );
    const byId = new Map(rows.map((r) => [r.conversation_id, toMessage(r, viewerId)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * Per conversation, everyone else in it. The viewer is a participant (the loader is only
   * reached from a conversation they read), with how each stands as the viewer may know it.
   */
  async participants(viewerId: string, ids: readonly string[]): Promise<ConversationParticipant[][]> {
    const rows: { conversation_id: string; user_id: string; status: MemberStatus }[] = await this.dataSource.query(
      `SELECT m.conversation_id, m.user_id, m.status FROM conversation_members m
        WHERE m.conversation_id = ANY($1::uuid[]) AND m.user_id <> $2
          AND EXISTS (SELECT 1 FROM conversation_members me WHERE me.conversation_id = m.conversation_id AND me.user_id = $2
                        AND me.status IN ('ACTIVE', 'REQUESTED'))
        ORDER BY m.joined_at, m.user_id`,
      [ids, viewerId],
    );
    return ids.map((id) =>
      rows.filter((r) => r.conversation_id === id).map((r) => ({ userId: r.user_id, state: participantState(r.status) })),
    );
  }

  /** Whether the viewer can write in the conversation now; the reason in their words if not. */
  async sendState(viewerId: string, conversationId: string): Promise<SendState> {
    const [row]: {
      status: MemberStatus;
      kind: ConversationKind;
      others_active: number;
      others_requested: number;
      blocked: boolean;
      pairing_open: boolean;
    }[] = await this.dataSource.query(
      `SELECT me.status, c.kind,
              (SELECT count(*)::int FROM conversation_members o JOIN users u ON u.id = o.user_id
                WHERE o.conversation_id = c.id AND o.user_id <> $2 AND o.status = 'ACTIVE' AND u.deleted_at IS NULL) AS others_active,
              (SELECT count(*)::int FROM conversation_members o
                WHERE o.conversation_id = c.id AND o.user_id <> $2 AND o.status = 'REQUESTED') AS others_requested,
              EXISTS (SELECT 1 FROM conversation_members o WHERE o.conversation_id = c.id AND o.user_id <> $2
                        AND o.status IN ('ACTIVE', 'REQUESTED') AND ${blockedBetween('o.user_id', '$2::uuid')}) AS blocked,
              (c.kind <> 'MENTORING' OR EXISTS (SELECT 1 FROM mentor_pairings p WHERE p.conversation_id = c.id AND p.status = 'ACTIVE')) AS pairing_open
         FROM conversations c JOIN conversation_members me ON me.conversation_id = c.id AND me.user_id = $2
        WHERE c.id = $1`,
      [conversationId, viewerId],
    );
    const no = (reason: string): SendState => ({ canSend: false, reason });
    if (!row || (row.status !== 'ACTIVE' && row.status !== 'REQUESTED')) return no('This conversation could not be found.');
    if (row.status === 'REQUESTED') return no('Accept the request to reply.');
    if (row.blocked) return no("You can't send messages in this conversation.");
    if (!row.pairing_open) return no('This mentoring pairing has ended, so the conversation is closed. You can still read it.');
    if (row.others_active === 0 && row.others_requested > 0) return no('Your request has been sent. You can write again once it is accepted.');
    if (row.others_active === 0) return no('Nobody else is in this conversation any more.');
    return { canSend: true, reason: null };
  }
}
