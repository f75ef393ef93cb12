import { Context, Field, ID, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { hasRole } from '@kinship/shared';
import { CurrentUser } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { defineLoader, GraphQLContext } from '../../graphql/loaders';
import { Post } from '../discussions/models/post.model';
import { ModerationActionTypeEnum } from './models/moderation.models';
import type { ModerationActionEntity, ModerationActionType } from '../screening/entities/moderation-action.entity';
import { CaseDetailsService } from './case-details.service';

@ObjectType({ description: 'Why a post is hidden or removed: for its author (to appeal) and moderators.' })
export class ModerationDecision {
  @Field(() => ID, { description: 'The log entry; appeal with appeal(actionId).' })
  actionId: string;

  @Field(() => ModerationActionTypeEnum)
  action: ModerationActionType;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field()
  decidedAt: Date;
}

const POST_DECISIONS = defineLoader<string, ModerationActionEntity | null>('moderation.latestDecisionByPostId');

@Resolver(() => Post)
export class PostModerationResolver {
  constructor(private readonly details: CaseDetailsService) {}

  @ResolveField(() => ModerationDecision, { nullable: true })
  async moderationDecision(
    @Parent() post: Post,
    @Context() ctx: GraphQLContext,
    @CurrentUser() viewer: Viewer,
  ): Promise<ModerationDecision | null> {
    if (post.status === 'VISIBLE' || post.status === 'PENDING_REVIEW') return null;
    if (post.authorId !== viewer.id && !hasRole(viewer.role, 'MODERATOR')) return null;
    const action = await ctx.loaders.for(POST_DECISIONS, (ids) => this.details.latestDecisionByPostIds(ids)).load(post.id);
    return action && { actionId: action.id, action: action.action, reason: action.reason, decidedAt: action.createdAt };
  }
}
