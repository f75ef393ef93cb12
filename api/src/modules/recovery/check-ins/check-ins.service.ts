import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LIMITS } from '@kinship/shared';
import { Viewer } from '../../../auth/viewer';
import { inTransaction } from '../../../database/transaction';
import { badInput, forbidden, notFound } from '../../../graphql/errors';
import { UserEntity } from '../../accounts/entities/user.entity';
import { CategoriesService } from '../../discussions/categories.service';
import { CategoryEntity } from '../../discussions/entities/category.entity';
import { PostingService } from '../../discussions/posting.service';
import { NotificationWriter } from '../../notifications/notification-writer';
import {
  addDays,
  barcProblem,
  dayWindow,
  daysBetween,
  formatTimeOfDay,
  HARD_DAYS_FOR_PLAN,
  hardStretch,
  isDay,
  localMonth,
  localTime,
  localToday,
  offeredInStretch,
  parseTimeOfDay,
  reminderDue,
  TREND_CAPITAL_MONTHS,
  TREND_RANGES,
} from './check-in-rules';
import { CheckInInput } from './dto/check-in.input';
import { CheckInEntity } from './entities/check-in.entity';
import { CheckInSettingsEntity } from './entities/check-in-settings.entity';
import { RecoveryCapitalCheckEntity } from './entities/recovery-capital-check.entity';
import { CheckInPattern, CheckInSettings, CheckInTrend } from './models/check-in.models';

/** The category shared check-ins are posted in (made on first use when an admin has not). */
export const CHECK_IN_CATEGORY = { name: 'Daily check-in', slug: 'daily-check-in' } as const;

/** The reminder's words: gentle and neutral, never "you missed a day", no streaks. */
export const REMINDER_TEXT = {
  title: "A moment for your check-in, if you'd like.",
  body: 'Only you see your check-ins.',
  url: '/milestones/check-in',
} as const;

const OFF_MESSAGE = 'Check-ins are turned off. You can turn them back on in Settings → Check-ins.';

/**
 * Daily check-ins, the monthly BARC-10, the trend, the hard-days pattern, settings and the
 * gentle reminders. Every method reads and writes only the viewer's own rows: there is no way,
 * for any role, to name another member here. Nothing of it is logged.
 */
@Injectable()
export class CheckInsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly posting: PostingService,
    private readonly categories: CategoriesService,
    private readonly notifications: NotificationWriter,
  ) {}

  /** Today or up to 7 days back, in the member's time zone; a second save that day updates the first. */
  async save(viewer: Viewer, input: CheckInInput, now = new Date()): Promise<CheckInEntity> {
    const { timeZone } = await this.member(viewer);
    await this.assertEnabled(viewer);
    const today = localToday(now, timeZone);
    const day = input.day ?? today;
    if (!isDay(day)) throw badInput('day', 'Day must be a real date written as YYYY-MM-DD.');
    const window = dayWindow(day, today);
    if (window === 'future') throw badInput('day', "A check-in can't be for a day that hasn't come yet.");
    if (window === 'too-old') throw badInput('day', 'Check-ins can be filled in for today and the 7 days before it.');
    const [row]: Record<string, unknown>[] = await this.dataSource.query(
      `INSERT INTO check_ins (user_id, day, mood, cravings, sleep, helped, hard)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (user_id, day) DO UPDATE
         SET mood = EXCLUDED.mood, cravings = EXCLUDED.cravings, sleep = EXCLUDED.sleep,
             helped = EXCLUDED.helped, hard = EXCLUDED.hard, updated_at = now()
       RETURNING id`,
      [viewer.id, day, input.mood, input.cravings, input.sleep ?? null, input.helped ?? null, input.hard ?? null],
    );
    return this.dataSource.manager.findOneByOrFail(CheckInEntity, { id: row.id as string });
  }

  /** The last `days` local days' check-ins, newest first. */
  async recent(viewer: Viewer, days: number, now = new Date()): Promise<CheckInEntity[]> {
    if (!Number.isInteger(days) || days < 1 || days > 366) throw badInput('days', 'Days must be a whole number from 1 to 366.');
    const { timeZone } = await this.member(viewer);
    const today = localToday(now, timeZone);
    return this.dataSource.manager
      .createQueryBuilder(CheckInEntity, 'c')
      .where('c.user_id = :userId', { userId: viewer.id })
      .andWhere('c.day BETWEEN :from AND :today', { from: addDays(today, -(days - 1)), today })
      .orderBy('c.day', 'DESC')
      .getMany();
  }

  async one(viewer: Viewer, day: string): Promise<CheckInEntity | null> {
    if (!isDay(day)) throw badInput('day', 'Day must be a real date written as YYYY-MM-DD.');
    return this.dataSource.manager.findOneBy(CheckInEntity, { userId: viewer.id, day });
  }

  async pattern(viewer: Viewer, now = new Date()): Promise<CheckInPattern> {
    const { stretch, offeredOn } = await this.stretch(this.dataSource.manager, viewer, now);
    const showPlan = stretch.hardDays >= HARD_DAYS_FOR_PLAN;
    return { hardDays: stretch.hardDays, showPlan, offerReachOut: showPlan && !offeredInStretch(stretch, offeredOn) };
  }

  /** Records that "let my people know" was offered in the current hard stretch (it is not offered again in it). */
  async dismissReachOutOffer(viewer: Viewer, now = new Date()): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const { stretch } = await this.stretch(manager, viewer, now);
      if (stretch.hardDays < HARD_DAYS_FOR_PLAN || !stretch.end) return false;
      await manager.query(
        `INSERT INTO check_in_settings (user_id, reach_out_offered_on) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET reach_out_offered_on = EXCLUDED.reach_out_offered_on, updated_at = now()`,
        [viewer.id, stretch.end],
      );
      return true;
    });
  }

  /** One entry per local day of the last 30 or 90 days, oldest first, with nulls for days without a check-in. */
  async trend(viewer: Viewer, days: number, now = new Date()): Promise<CheckInTrend> {
    if (!(TREND_RANGES as readonly number[]).includes(days)) throw badInput('days', 'The trend covers 30 or 90 days.');
    const { timeZone } = await this.member(viewer);
    const today = localToday(now, timeZone);
    const from = addDays(today, -(days - 1));
    const rows: { day: string; mood: number; cravings: number; sleep: number | null }[] = await this.dataSource.query(
      `SELECT day::text AS day, mood, cravings, sleep FROM check_ins WHERE user_id = $1 AND day BETWEEN $2 AND $3`,
      [viewer.id, from, today],
    );
    const byDay = new Map(rows.map((r) => [r.day, r]));
    const firstMonth = localTime(now, timeZone).minus({ months: TREND_CAPITAL_MONTHS - 1 }).toFormat('yyyy-MM');
    const recoveryCapital = await this.dataSource.manager
      .createQueryBuilder(RecoveryCapitalCheckEntity, 'r')
      .where('r.user_id = :userId AND r.month >= :firstMonth', { userId: viewer.id, firstMonth })
      .orderBy('r.month', 'ASC')
      .getMany();
    return {
      days: daysBetween(from, today).map((day) => {
        const c = byDay.get(day);
        return { day, mood: c?.mood ?? null, cravings: c?.cravings ?? null, sleep: c?.sleep ?? null };
      }),
      recoveryCapital,
    };
  }

  /** This local month's BARC-10 (saving again this month updates it). */
  async saveRecoveryCapital(viewer: Viewer, answers: number[], now = new Date()): Promise<RecoveryCapitalCheckEntity> {
    const problem = barcProblem(answers);
    if (problem) throw badInput('answers', problem);
    const { timeZone } = await this.member(viewer);
    await this.assertEnabled(viewer);
    const total = answers.reduce((sum, a) => sum + a, 0);
    const [row]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO recovery_capital_checks (user_id, month, answers, total) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, month) DO UPDATE SET answers = EXCLUDED.answers, total = EXCLUDED.total, updated_at = now()
       RETURNING id`,
      [viewer.id, localMonth(now, timeZone), answers, total],
    );
    return this.dataSource.manager.findOneByOrFail(RecoveryCapitalCheckEntity, { id: row.id });
  }

  /** Newest first. */
  recoveryCapital(viewer: Viewer): Promise<RecoveryCapitalCheckEntity[]> {
    return this.dataSource.manager.find(RecoveryCapitalCheckEntity, { where: { userId: viewer.id }, order: { month: 'DESC' } });
  }

  async settings(viewer: Viewer): Promise<CheckInSettings> {
    const row = await this.dataSource.manager.findOneBy(CheckInSettingsEntity, { userId: viewer.id });
    return toSettings(row);
  }

  async setSettings(viewer: Viewer, enabled: boolean, reminder: boolean, reminderTime: string | null | undefined): Promise<CheckInSettings> {
    const time = reminderTime?.trim() ? reminderTime.trim() : null;
    const minute = time === null ? null : parseTimeOfDay(time);
    if (time !== null && minute === null) throw badInput('reminderTime', 'Reminder time must be a time of day such as 08:30.');
    if (reminder && minute === null) throw badInput('reminderTime', 'Choose a time for your reminder.');
    await this.dataSource.query(
      `INSERT INTO check_in_settings (user_id, enabled, reminder, reminder_minute) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE
         SET enabled = EXCLUDED.enabled, reminder = EXCLUDED.reminder, reminder_minute = EXCLUDED.reminder_minute, updated_at = now()`,
      [viewer.id, enabled, reminder, minute],
    );
    return this.settings(viewer);
  }

  /** Every check-in and BARC-10 answer of the viewer, at once. Returns the rows removed. */
  async deleteHistory(viewer: Viewer): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const [, checkIns]: [unknown, number] = await manager.query(`DELETE FROM check_ins WHERE user_id = $1`, [viewer.id]);
      const [, capital]: [unknown, number] = await manager.query(`DELETE FROM recovery_capital_checks WHERE user_id = $1`, [viewer.id]);
      await manager.query(`UPDATE check_in_settings SET reach_out_offered_on = NULL WHERE user_id = $1`, [viewer.id]);
      return checkIns + capital;
    });
  }

  /**
   * Posts the copy the member confirmed as a new thread in "Daily check-in", screened like any
   * post. The private check-in itself is not touched. Returns the thread's id.
   */
  async share(viewer: Viewer, day: string, body: string): Promise<string> {
    if (!isDay(day)) throw badInput('day', 'Day must be a real date written as YYYY-MM-DD.');
    const text = body.trim();
    if (text === '') throw badInput('body', 'Body cannot be empty.');
    if (text.length > LIMITS.postBodyMax) {
      throw badInput('body', `Body can be at most ${LIMITS.postBodyMax.toLocaleString('en-US')} characters.`);
    }
    await this.assertEnabled(viewer);
    const checkIn = await this.one(viewer, day);
    if (!checkIn) throw notFound('That check-in');
    const categoryId = await this.checkInCategoryId();
    const written = await this.posting.createThread({ categoryId, title: shareTitle(day), body: text }, viewer);
    return written.post.threadId;
  }

  /**
   * The reminder job (every minute): each member with reminders on whose local time is at or
   * just past their chosen time, and who has not checked in today, gets one CHECK_IN_REMINDER
   * for that local day (its key makes a second run, or a second worker, tell nobody twice).
   */
  async sendReminders(now = new Date()): Promise<number> {
    const candidates: { user_id: string; time_zone: string; reminder_minute: number }[] = await this.dataSource.query(
      `SELECT s.user_id, u.time_zone, s.reminder_minute
         FROM check_in_settings s JOIN users u ON u.id = s.user_id AND u.deleted_at IS NULL
        WHERE s.enabled AND s.reminder AND s.reminder_minute IS NOT NULL`,
    );
    const due = candidates
      .map((c) => ({ userId: c.user_id, local: localTime(now, c.time_zone), minute: c.reminder_minute }))
      .filter((c) => reminderDue(c.local, c.minute));
    if (due.length === 0) return 0;
    const told = await this.notifications.fanOut(this.dataSource, {
      type: 'CHECK_IN_REMINDER',
      recipients: `SELECT d.user_id, $3::text AS title, $4::text AS body, $5::text AS url, 'check-in-reminder:' || d.day AS source_key
                     FROM unnest($1::uuid[], $2::text[]) AS d(user_id, day)
                     JOIN check_in_settings s ON s.user_id = d.user_id AND s.enabled AND s.reminder
                    WHERE NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.user_id = d.user_id AND c.day = d.day::date)`,
      params: [
        due.map((d) => d.userId),
        due.map((d) => d.local.toISODate()!),
        REMINDER_TEXT.title,
        REMINDER_TEXT.body,
        REMINDER_TEXT.url,
      ],
    });
    return told.length;
  }

  private async checkInCategoryId(): Promise<string> {
    const find = async () => {
      const rows = await this.dataSource.manager
        .createQueryBuilder(CategoryEntity, 'c')
        .where('c.slug = :slug OR lower(c.name) = lower(:name)', CHECK_IN_CATEGORY)
        .getMany();
      return rows.find((c) => c.slug === CHECK_IN_CATEGORY.slug) ?? rows[0];
    };
    const found = await find();
    if (found) return found.id;
    try {
      return (await this.categories.createCategory({ name: CHECK_IN_CATEGORY.name, description: 'How today is going, in a few words.' })).id;
    } catch (error) {
      // Made by someone else a moment ago.
      const made = await find();
      if (made) return made.id;
      throw error;
    }
  }

  private async stretch(manager: EntityManager, viewer: Viewer, now: Date) {
    const { timeZone } = await this.member(viewer);
    const today = localToday(now, timeZone);
    const rows: { day: string; mood: number; cravings: number }[] = await manager.query(
      `SELECT day::text AS day, mood, cravings FROM check_ins WHERE user_id = $1 AND day <= $2 ORDER BY day DESC LIMIT 400`,
      [viewer.id, today],
    );
    const [settings]: { reach_out_offered_on: string | null }[] = await manager.query(
      `SELECT reach_out_offered_on::text AS reach_out_offered_on FROM check_in_settings WHERE user_id = $1`,
      [viewer.id],
    );
    return { stretch: hardStretch(rows, today), offeredOn: settings?.reach_out_offered_on ?? null };
  }

  private async assertEnabled(viewer: Viewer): Promise<void> {
    const row = await this.dataSource.manager.findOneBy(CheckInSettingsEntity, { userId: viewer.id });
    if (row && !row.enabled) throw forbidden(OFF_MESSAGE);
  }

  private member(viewer: Viewer): Promise<UserEntity> {
    return this.dataSource.manager.findOneByOrFail(UserEntity, { id: viewer.id });
  }
}

function toSettings(row: CheckInSettingsEntity | null): CheckInSettings {
  return {
    enabled: row?.enabled ?? true,
    reminder: row?.reminder ?? false,
    reminderTime: row?.reminderMinute === null || row?.reminderMinute === undefined ? null : formatTimeOfDay(row.reminderMinute),
  };
}

/** "Check-in for Thursday, December 3". */
export function shareTitle(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  const words = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' }).format(date);
  return `Check-in for ${words}`;
}
