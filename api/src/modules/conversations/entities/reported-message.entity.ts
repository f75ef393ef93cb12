import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FlagCaseEntity } from '../../screening/entities/flag-case.entity';
import { MessageEntity } from './message.entity';

/**
 * The messages a report shared with moderators: the reported ones (`reported`) and the five
 * before each, as context. A moderator reads a conversation's messages through these rows only.
 */
@Entity('reported_messages')
@Index('reported_messages_message_idx', ['messageId'])
export class ReportedMessageEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => FlagCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  flagCase?: FlagCaseEntity;

  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @ManyToOne(() => MessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: MessageEntity;

  @Column({ type: 'boolean', default: false })
  reported: boolean;
}
