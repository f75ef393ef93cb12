import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../../accounts/entities/user.entity';
import { ConversationEntity } from './conversation.entity';

/**
 * VISIBLE; PENDING_REVIEW (a watched word held it: only its author sees it until a moderator
 * approves); REMOVED by a moderator after a report. A message its author deleted keeps its row
 * (so the conversation reads "message removed") with the text erased.
 */
export type MessageStatus = 'VISIBLE' | 'PENDING_REVIEW' | 'REMOVED';

@Entity('messages')
@Index('messages_conversation_idx', ['conversationId', 'createdAt', 'id'])
@Index('messages_author_idx', ['authorId'])
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => ConversationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: ConversationEntity;

  /** Null once the author deleted their account: the others read "Former member". */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml: string;

  @Column({ type: 'varchar', length: 16, default: 'VISIBLE' })
  status: MessageStatus;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
