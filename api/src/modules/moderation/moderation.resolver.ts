import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, RequireRole } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { PageArgs } from '../../graphql/connection';
import { toUser, User } from '../accounts/models/user.model';
import { FlagInput, ModerateInput, WatchedWordInput } from './dto/moderation.inputs';
import { AppealArgs, DecideAppealArgs, NoteArgs, QueueArgs, SuspendArgs, UserReasonArgs } from './dto/moderation.args';
import {
  Appeal,
  AppealStatusEnum,
  FlagCase,
  FlagCaseConnection,
  MemberModerationHistory,
  ModerationActionConnection,
  ModerationSettingsModel,
  toAppeal,
  toFlagCase,
  toWatchedWord,
  WatchedWord,
} from './models/moderation.models';
import { AppealsService } from './appeals.service';
import { CasesService } from './cases.service';
import { FlagsService } from './flags.service';
import { MemberModerationService } from './member-moderation.service';
import { WatchedWordsService } from './watched-words.service';
import { ModerationSettings, ModerationSettingsService } from '../screening/moderation-settings.service';
import { ModerationSettingsInput } from './dto/moderation-settings.input';

function toSettingsModel(settings: ModerationSettings): ModerationSettingsModel {
  return {
    flagHideThreshold: settings.flagHideThreshold,
    premodFirstPosts: settings.premodFirstPosts,
    crisisEscalationMinutes: Math.round(settings.crisisEscalationMs / 60_000),
  };
}

@Resolver()
export class ModerationResolver {
  constructor(
    private readonly flags: FlagsService,
    private readonly cases: CasesService,
    private readonly members: MemberModerationService,
    private readonly appealsService: AppealsService,
    private readonly words: WatchedWordsService,
    private readonly settings: ModerationSettingsService,
  ) {}

  @Mutation(() => Boolean, { description: 'Any member flags a post, event, resource or profile; anonymous to the author.' })
  async flag(@Args('input') input: FlagInput, @CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.flags.flag(input, viewer);
    return true;
  }

  @RequireRole('MODERATOR')
  @Query(() => FlagCaseConnection, { description: 'Crisis first, then support, then by score and age.' })
  moderationQueue(@Args() args: QueueArgs): Promise<FlagCaseConnection> {
    return this.cases.queue(args);
  }

  @RequireRole('MODERATOR')
  @Query(() => FlagCase)
  async flagCase(@Args('id', { type: () => ID }) id: string): Promise<FlagCase> {
    return toFlagCase(await this.cases.findCase(id));
  }

  @RequireRole('MODERATOR')
  @Query(() => ModerationActionConnection, { description: 'Append-only, newest first.' })
  moderationLog(@Args() args: PageArgs): Promise<ModerationActionConnection> {
    return this.cases.logPage(args);
  }

  @RequireRole('MODERATOR')
  @Mutation(() => FlagCase)
  async moderate(@Args('input') input: ModerateInput, @CurrentUser() viewer: Viewer): Promise<FlagCase> {
    return toFlagCase(await this.cases.moderate(input, viewer));
  }

  @RequireRole('MODERATOR')
  @Mutation(() => ID, { description: 'From a crisis or support case: opens (or reopens) a private conversation with its member; returns its id.' })
  messageCaseMember(@Args('caseId', { type: () => ID }) caseId: string, @CurrentUser() viewer: Viewer): Promise<string> {
    return this.cases.openCareConversation(caseId, viewer);
  }

  @RequireRole('MODERATOR')
  @Mutation(() => FlagCase, { description: 'A moderator takes the case; stops a crisis escalation.' })
  async acknowledgeCase(@Args('caseId', { type: () => ID }) caseId: string, @CurrentUser() viewer: Viewer): Promise<FlagCase> {
    return toFlagCase(await this.cases.acknowledge(caseId, viewer));
  }

  @RequireRole('MODERATOR')
  @Mutation(() => Boolean)
  async warnUser(@Args() args: UserReasonArgs, @CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.members.warn(args.userId, args.reason, viewer);
    return true;
  }

  @RequireRole('MODERATOR')
  @Mutation(() => User)
  async suspendUser(@Args() args: SuspendArgs, @CurrentUser() viewer: Viewer): Promise<User> {
    return toUser(await this.members.suspend(args.userId, args.until, args.reason, viewer), false);
  }

  @RequireRole('MODERATOR')
  @Mutation(() => Boolean, { description: 'A private note on a member, for moderators only.' })
  async addModeratorNote(@Args() args: NoteArgs, @CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.members.addNote(args.userId, args.text, viewer);
    return true;
  }

  @RequireRole('MODERATOR')
  @Query(() => MemberModerationHistory)
  memberModerationHistory(@Args('userId', { type: () => ID }) userId: string): Promise<MemberModerationHistory> {
    return this.members.history(userId);
  }

  @Mutation(() => Appeal, { description: 'The member affected appeals a decision, once.' })
  async appeal(@Args() args: AppealArgs, @CurrentUser() viewer: Viewer): Promise<Appeal> {
    return toAppeal(await this.appealsService.appeal(args.actionId, args.text, viewer));
  }

  @Query(() => [Appeal], { description: 'Your own appeals, newest first.' })
  async myAppeals(@CurrentUser() viewer: Viewer): Promise<Appeal[]> {
    return (await this.appealsService.myAppeals(viewer)).map(toAppeal);
  }

  @RequireRole('MODERATOR')
  @Query(() => [Appeal], { description: 'Appeals by status, oldest first.' })
  async appeals(
    @Args('status', { type: () => AppealStatusEnum, defaultValue: 'PENDING' }) status: string,
  ): Promise<Appeal[]> {
    return (await this.appealsService.appeals(status)).map(toAppeal);
  }

  @RequireRole('MODERATOR')
  @Mutation(() => Appeal, { description: 'Decided by a different moderator than the one who acted.' })
  async decideAppeal(@Args() args: DecideAppealArgs, @CurrentUser() viewer: Viewer): Promise<Appeal> {
    return toAppeal(await this.appealsService.decideAppeal(args.appealId, args.upheld, args.reason, viewer));
  }

  @RequireRole('ADMIN')
  @Mutation(() => WatchedWord, { description: 'BLOCK refuses posts with the word; REVIEW holds them for a moderator.' })
  async addWatchedWord(@Args('input') input: WatchedWordInput, @CurrentUser() viewer: Viewer): Promise<WatchedWord> {
    return toWatchedWord(await this.words.addWatchedWord(input, viewer));
  }

  @RequireRole('ADMIN')
  @Query(() => [WatchedWord])
  async watchedWords(): Promise<WatchedWord[]> {
    return (await this.words.watchedWords()).map(toWatchedWord);
  }

  @RequireRole('MODERATOR')
  @Query(() => ModerationSettingsModel)
  async moderationSettings(): Promise<ModerationSettingsModel> {
    return toSettingsModel(await this.settings.current());
  }

  @RequireRole('ADMIN')
  @Mutation(() => ModerationSettingsModel, { description: 'Admins override thresholds; null restores the default.' })
  async updateModerationSettings(
    @Args('input') input: ModerationSettingsInput,
    @CurrentUser() viewer: Viewer,
  ): Promise<ModerationSettingsModel> {
    return toSettingsModel(await this.settings.update(input, viewer.id));
  }

  @RequireRole('ADMIN')
  @Mutation(() => Boolean)
  async removeWatchedWord(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.words.removeWatchedWord(id);
    return true;
  }
}

