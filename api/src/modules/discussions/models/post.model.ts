import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ContentStatus, ReactionKind, SensitiveTopic } from '@kinship/shared';
import { Connection } from '../../../graphql/connection';
import { ContentStatusEnum, ReactionKindEnum, SensitiveTopicEnum } from '../../../graphql/enums';
import { PostEntity } from '../entities/post.entity';

@ObjectType()
export class ReactionCount {
  @Field(() => ReactionKindEnum)
  kind: ReactionKind;

  @Field(() => Int)
  count: number;

  @Field()
  viewerReacted: boolean;
}

@ObjectType({ description: "A post's earlier text, kept when it was edited (moderators only)." })
export class PostRevision {
  @Field()
  body: string;

  @Field(() => String, { nullable: true })
  contentWarning: string | null;

  @Field({ description: 'When this text was replaced.' })
  replacedAt: Date;
}

/**
 * What every viewer sees the same. Viewer-dependent fields (body, bodyHtml, collapsed, reactions,
 * hiddenByBlock, viewerCanEdit, revisions) and relations are resolved by PostFieldsResolver.
 */
@ObjectType()
export class Post {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: '1 for the opening post, then 2, 3, ... in reply order.' })
  position: number;

  @Field(() => String, { nullable: true })
  contentWarning: string | null;

  @Field(() => [SensitiveTopicEnum])
  topics: SensitiveTopic[];

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the text was last changed after the 5-minute grace period.' })
  editedAt: Date | null;

  @Field(() => ContentStatusEnum)
  status: ContentStatus;

  @Field({ description: 'Deleted by its author; it keeps its place in the thread.' })
  deleted: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'In search results: the matching passage as HTML, matches wrapped in <mark>.',
  })
  snippetHtml: string | null;

  threadId: string;
  authorId: string;
  replyToPostId: string | null;
  rawBody: string;
  rawBodyHtml: string;
}

@ObjectType()
export class PostConnection extends Connection(Post) {}

export function toPost(entity: PostEntity, snippetHtml: string | null = null): Post {
  return {
    id: entity.id,
    position: entity.position,
    contentWarning: entity.contentWarning,
    topics: entity.topics ?? [],
    createdAt: entity.createdAt,
    editedAt: entity.editedAt,
    status: entity.status,
    deleted: entity.deletedAt !== null && entity.deletedAt !== undefined,
    snippetHtml,
    threadId: entity.threadId,
    authorId: entity.authorId,
    replyToPostId: entity.replyToPostId,
    rawBody: entity.body,
    rawBodyHtml: entity.bodyHtml,
  };
}
