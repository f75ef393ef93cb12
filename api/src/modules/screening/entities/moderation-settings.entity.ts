import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Admins' overrides of the moderation settings (one row, id 1). A null column means "use the
 * deployment's default" from the environment (FLAG_HIDE_THRESHOLD, PREMOD_FIRST_POSTS, ...).
 */
@Entity('moderation_settings')
@Check('moderation_settings_single_row', 'id = 1')
export class ModerationSettingsEntity {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id: number;

  @Column({ name: 'flag_hide_threshold', type: 'integer', nullable: true })
  flagHideThreshold: number | null;

  @Column({ name: 'premod_first_posts', type: 'integer', nullable: true })
  premodFirstPosts: number | null;

  @Column({ name: 'crisis_escalation_minutes', type: 'integer', nullable: true })
  crisisEscalationMinutes: number | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedById: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
