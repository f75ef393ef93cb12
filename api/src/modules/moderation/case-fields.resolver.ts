import { Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { defineLoader, GraphQLContext } from '../../graphql/loaders';
import { User } from '../accounts/models/user.model';
import { UsersLoader } from '../accounts/users.loader';
import { DiscussionLoadsService } from '../discussions/discussion-loads.service';
import { Post, toPost } from '../discussions/models/post.model';
import { FlagCase, FlagNote, FlagReasonCount } from './models/moderation.models';
import { CaseDetailsService } from './case-details.service';
import { ConversationReportsService } from '../conversations/conversation-reports.service';
import { CaseMessage } from '../conversations/models/conversation.models';

const CASE_REASONS = defineLoader<string, FlagReasonCount[]>('moderation.reasonsByCaseId');
const CASE_NOTES = defineLoader<string, FlagNote[]>('moderation.notesByCaseId');
const WARNING_COUNTS = defineLoader<string, number>('moderation.warningCountsByUserId');
const CASE_MESSAGES = defineLoader<FlagCase, CaseMessage[]>('moderation.messagesByCase');

/** What a moderator needs to decide a case, batched across the queue page. */
@Resolver(() => FlagCase)
export class CaseFieldsResolver {
  constructor(
    private readonly details: CaseDetailsService,
    private readonly discussionLoads: DiscussionLoadsService,
    private readonly users: UsersLoader,
    private readonly messageReports: ConversationReportsService,
  ) {}

  @ResolveField(() => [CaseMessage], {
    description: 'For MESSAGE and CONVERSATION cases: the message the case is about, or the reported ones with the five before each. Moderators read no other private message.',
  })
  messages(@Parent() c: FlagCase, @Context() ctx: GraphQLContext): Promise<CaseMessage[]> {
    if (c.targetType !== 'MESSAGE' && c.targetType !== 'CONVERSATION') return Promise.resolve([]);
    return ctx.loaders.for(CASE_MESSAGES, (cases) => this.messageReports.messagesForCases(cases)).load(c);
  }

  @ResolveField(() => [FlagReasonCount])
  reasons(@Parent() c: FlagCase, @Context() ctx: GraphQLContext): Promise<FlagReasonCount[]> {
    return ctx.loaders.for(CASE_REASONS, (ids) => this.details.reasonsByCaseIds(ids)).load(c.id);
  }

  @ResolveField(() => Int, { description: 'All flags on the item, support flags included.' })
  async flagCount(@Parent() c: FlagCase, @Context() ctx: GraphQLContext): Promise<number> {
    return (await this.reasons(c, ctx)).reduce((sum, r) => sum + r.count, 0);
  }

  @ResolveField(() => [FlagNote], { description: "Flaggers' notes, without their names." })
  notes(@Parent() c: FlagCase, @Context() ctx: GraphQLContext): Promise<FlagNote[]> {
    return ctx.loaders.for(CASE_NOTES, (ids) => this.details.notesByCaseIds(ids)).load(c.id);
  }

  @ResolveField(() => Post, { nullable: true, description: 'The post, for POST cases (its thread gives the context).' })
  async post(@Parent() c: FlagCase, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<Post | null> {
    if (c.targetType !== 'POST') return null;
    const post = await this.discussionLoads.post(ctx.loaders, c.targetId, viewer);
    return post && toPost(post);
  }

  @ResolveField(() => User, { nullable: true, description: 'Whose content or profile this is.' })
  async targetUser(@Parent() c: FlagCase, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<User | null> {
    return c.targetUserId ? this.users.load(ctx.loaders, c.targetUserId, viewer) : null;
  }

  @ResolveField(() => Int, { description: "The member's warnings so far (withdrawn ones not counted)." })
  priorWarnings(@Parent() c: FlagCase, @Context() ctx: GraphQLContext): Promise<number> {
    if (!c.targetUserId) return Promise.resolve(0);
    return ctx.loaders.for(WARNING_COUNTS, (ids) => this.details.warningCountsByUserIds(ids)).load(c.targetUserId);
  }

  @ResolveField(() => User, { nullable: true, description: 'The moderator who took the case.' })
  async acknowledgedByUser(@Parent() c: FlagCase, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<User | null> {
    return c.acknowledgedBy ? this.users.load(ctx.loaders, c.acknowledgedBy, viewer) : null;
  }
}
