import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { NOTIFICATION_TYPES } from '@kinship/shared';
import type { NotificationType } from '@kinship/shared';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { badInput } from '../../graphql/errors';
import { UserEntity } from '../accounts/entities/user.entity';
import { readUnsubscribeToken } from './email/unsubscribe-token';
import { NotificationPreferenceEntity } from './entities/notification-preference.entity';
import { NotificationPreference, QuietHours } from './models/preference.model';
import { EmailMode, NOTIFICATION_TYPE_SETTINGS } from './notification-types';

const DEFAULT_QUIET = { start: 22 * 60, end: 7 * 60 };

@Injectable()
export class PreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every type with the member's choice, or its default. */
  async list(userId: string): Promise<NotificationPreference[]> {
    const rows = await this.dataSource.manager.findBy(NotificationPreferenceEntity, { userId });
    return NOTIFICATION_TYPES.map((type) => {
      const row = rows.find((r) => r.type === type);
      const settings = NOTIFICATION_TYPE_SETTINGS[type];
      return { type, label: settings.label, inApp: row?.inApp ?? true, email: row?.email ?? settings.defaultEmail };
    });
  }

  async set(userId: string, type: NotificationType, inApp: boolean, email: EmailMode): Promise<NotificationPreference> {
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, type, in_app, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, type) DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email`,
      [userId, type, inApp, email],
    );
    return { type, label: NOTIFICATION_TYPE_SETTINGS[type].label, inApp, email };
  }

  /** Turns one type's email off for the member a signed link was made for; no session needed. */
  async unsubscribe(token: string): Promise<NotificationPreference> {
    const found = readUnsubscribeToken(this.config.appSecret, token);
    if (!found || !(await this.dataSource.manager.existsBy(UserEntity, { id: found.userId, deletedAt: IsNull() }))) {
      throw badInput('token', 'This unsubscribe link is not valid. You can change email settings after signing in.');
    }
    const current = (await this.list(found.userId)).find((p) => p.type === found.type)!;
    return this.set(found.userId, found.type, current.inApp, 'OFF');
  }

  async quietHours(userId: string): Promise<QuietHours> {
    const user = await this.dataSource.manager.findOneByOrFail(UserEntity, { id: userId });
    return user.quietHoursStart === null || user.quietHoursEnd === null
      ? { enabled: false, ...DEFAULT_QUIET }
      : { enabled: true, start: user.quietHoursStart, end: user.quietHoursEnd };
  }

  async setQuietHours(userId: string, enabled: boolean, start?: number, end?: number): Promise<QuietHours> {
    const s = start ?? DEFAULT_QUIET.start;
    const e = end ?? DEFAULT_QUIET.end;
    if (enabled && s === e) throw badInput('end', 'Quiet hours must end at a different time than they start.');
    await this.dataSource.manager.update(
      UserEntity,
      { id: userId },
      { quietHoursStart: enabled ? s : null, quietHoursEnd: enabled ? e : null },
    );
    return this.quietHours(userId);
  }
}
