import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { NotificationType } from '@kinship/shared';
import { UserEntity } from '../../accounts/entities/user.entity';
import type { EmailMode } from '../notification-types';

/** A member's choice for one type; no row means the type's defaults. */
@Entity('notification_preferences')
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  type: NotificationType;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'in_app', type: 'boolean' })
  inApp: boolean;

  @Column({ type: 'varchar', length: 16 })
  email: EmailMode;
}
