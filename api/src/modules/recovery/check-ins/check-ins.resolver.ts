import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../auth/decorators';
import { Viewer } from '../../../auth/viewer';
import { CheckInsService } from './check-ins.service';
import { CheckInInput } from './dto/check-in.input';
import { CheckInEntity } from './entities/check-in.entity';
import { RecoveryCapitalCheckEntity } from './entities/recovery-capital-check.entity';
import { CheckIn, CheckInPattern, CheckInSettings, CheckInTrend, RecoveryCapitalCheck } from './models/check-in.models';

export function toCheckIn(e: CheckInEntity): CheckIn {
  return { id: e.id, day: e.day, mood: e.mood, cravings: e.cravings, sleep: e.sleep, helped: e.helped, hard: e.hard, updatedAt: e.updatedAt };
}

export function toRecoveryCapital(e: RecoveryCapitalCheckEntity): RecoveryCapitalCheck {
  return { id: e.id, month: e.month, answers: e.answers.map(Number), total: e.total, updatedAt: e.updatedAt };
}

/** Check-ins: every operation reads and writes the signed-in member's own rows only, whatever their role. */
@Resolver()
export class CheckInsResolver {
  constructor(private readonly checkIns: CheckInsService) {}

  @Mutation(() => CheckIn, { description: 'Today (by default) or up to 7 days back; a second save for a day updates it. Private.' })
  async saveCheckIn(@Args('input') input: CheckInInput, @CurrentUser() viewer: Viewer): Promise<CheckIn> {
    return toCheckIn(await this.checkIns.save(viewer, input));
  }

  @Query(() => [CheckIn], { description: 'Your check-ins of the last `days` local days, newest first.' })
  async myCheckIns(@Args('days', { type: () => Int, defaultValue: 7 }) days: number, @CurrentUser() viewer: Viewer): Promise<CheckIn[]> {
    return (await this.checkIns.recent(viewer, days)).map(toCheckIn);
  }

  @Query(() => CheckIn, { nullable: true, description: 'Your check-in for a local day (YYYY-MM-DD), if any.' })
  async myCheckIn(@Args('day') day: string, @CurrentUser() viewer: Viewer): Promise<CheckIn | null> {
    const found = await this.checkIns.one(viewer, day);
    return found && toCheckIn(found);
  }

  @Query(() => CheckInPattern, { description: 'Hard days in a row, and whether to show your plan and offer to tell your people.' })
  checkInPattern(@CurrentUser() viewer: Viewer): Promise<CheckInPattern> {
    return this.checkIns.pattern(viewer);
  }

  @Mutation(() => Boolean, { description: 'Records that "let my people know" was offered in this stretch of hard days (it is offered once). False when there is no such stretch.' })
  dismissReachOutOffer(@CurrentUser() viewer: Viewer): Promise<boolean> {
    return this.checkIns.dismissReachOutOffer(viewer);
  }

  @Mutation(() => RecoveryCapitalCheck, { description: "This month's BARC-10: ten answers, each 1-6. Saving again this month updates it." })
  async saveRecoveryCapital(@Args('answers', { type: () => [Int] }) answers: number[], @CurrentUser() viewer: Viewer): Promise<RecoveryCapitalCheck> {
    return toRecoveryCapital(await this.checkIns.saveRecoveryCapital(viewer, answers));
  }

  @Query(() => [RecoveryCapitalCheck], { description: 'Your BARC-10 checks, newest first.' })
  async myRecoveryCapital(@CurrentUser() viewer: Viewer): Promise<RecoveryCapitalCheck[]> {
    return (await this.checkIns.recoveryCapital(viewer)).map(toRecoveryCapital);
  }

  @Query(() => CheckInTrend, { description: 'Your last 30 or 90 days, one entry a day, and your BARC-10 totals.' })
  async checkInTrend(@Args('days', { type: () => Int }) days: number, @CurrentUser() viewer: Viewer): Promise<CheckInTrend> {
    const trend = await this.checkIns.trend(viewer, days);
    return { days: trend.days, recoveryCapital: trend.recoveryCapital.map((r) => toRecoveryCapital(r as RecoveryCapitalCheckEntity)) };
  }

  @Query(() => CheckInSettings)
  checkInSettings(@CurrentUser() viewer: Viewer): Promise<CheckInSettings> {
    return this.checkIns.settings(viewer);
  }

  @Mutation(() => CheckInSettings, { description: 'Turn check-ins on or off, and the gentle reminder at a local time (HH:MM).' })
  setCheckInSettings(
    @Args('enabled') enabled: boolean,
    @Args('reminder') reminder: boolean,
    @Args('reminderTime', { type: () => String, nullable: true }) reminderTime: string | null,
    @CurrentUser() viewer: Viewer,
  ): Promise<CheckInSettings> {
    return this.checkIns.setSettings(viewer, enabled, reminder, reminderTime);
  }

  @Mutation(() => Int, { description: 'Deletes all your check-ins and BARC-10 answers at once; returns how many were removed.' })
  deleteCheckInHistory(@CurrentUser() viewer: Viewer): Promise<number> {
    return this.checkIns.deleteHistory(viewer);
  }

  @Mutation(() => ID, { description: 'Posts the copy you confirmed as a new thread in Daily check-in (screened like any post). The check-in itself stays private.' })
  shareCheckIn(@Args('day') day: string, @Args('body') body: string, @CurrentUser() viewer: Viewer): Promise<string> {
    return this.checkIns.share(viewer, day, body);
  }
}
