import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { ModerationSettingsEntity } from './entities/moderation-settings.entity';

export interface ModerationSettings {
  flagHideThreshold: number;
  premodFirstPosts: number;
  crisisEscalationMs: number;
}

/**
 * The settings in force: an admin's override where set, else the deployment's default. Read from
 * the database each time (one tiny row), so every replica agrees at once after a change.
 */
@Injectable()
export class ModerationSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async current(): Promise<ModerationSettings> {
    const row = await this.dataSource.manager.findOneBy(ModerationSettingsEntity, { id: 1 });
    const defaults = this.config.moderation;
    return {
      flagHideThreshold: row?.flagHideThreshold ?? defaults.flagHideThreshold,
      premodFirstPosts: row?.premodFirstPosts ?? defaults.premodFirstPosts,
      crisisEscalationMs:
        row?.crisisEscalationMinutes !== null && row?.crisisEscalationMinutes !== undefined
          ? row.crisisEscalationMinutes * 60_000
          : defaults.crisisEscalationMs,
    };
  }

  async update(
    changes: { flagHideThreshold?: number | null; premodFirstPosts?: number | null; crisisEscalationMinutes?: number | null },
    adminId: string,
  ): Promise<ModerationSettings> {
    await this.dataSource.query(
      `INSERT INTO moderation_settings (id, flag_hide_threshold, premod_first_posts, crisis_escalation_minutes, updated_by)
       VALUES (1, $1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET
         flag_hide_threshold = CASE WHEN $5 THEN EXCLUDED.flag_hide_threshold ELSE moderation_settings.flag_hide_threshold END,
         premod_first_posts = CASE WHEN $6 THEN EXCLUDED.premod_first_posts ELSE moderation_settings.premod_first_posts END,
         crisis_escalation_minutes = CASE WHEN $7 THEN EXCLUDED.crisis_escalation_minutes ELSE moderation_settings.crisis_escalation_minutes END,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [
        changes.flagHideThreshold ?? null,
        changes.premodFirstPosts ?? null,
        changes.crisisEscalationMinutes ?? null,
        adminId,
        changes.flagHideThreshold !== undefined,
        changes.premodFirstPosts !== undefined,
        changes.crisisEscalationMinutes !== undefined,
      ],
    );
    return this.current();
  }
}
