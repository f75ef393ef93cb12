import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../../accounts/entities/user.entity';

/** A member's messaging choices; no row means the defaults (message requests on). */
@Entity('message_settings')
export class MessageSettingsEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** Off: nobody outside staff, mentors, support people and accepted contacts can write to them. */
  @Column({ name: 'allow_requests', type: 'boolean', default: true })
  allowRequests: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
