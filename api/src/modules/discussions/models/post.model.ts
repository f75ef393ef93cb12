import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ContentStatus } from '@kinship/shared';
import { Connection } from '../../../graphql/connection';
import { ContentStatusEnum } from '../../../graphql/enums';
import { PostEntity } from '../entities/post.entity';

/** `thread`, `author` and `replyTo` are resolved by PostFieldsResolver through DataLoaders. */
@ObjectType()
export class Post {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: '1 for the opening post, then 2, 3, ... in reply order.' })
  position: number;

  @Field({ description: 'The Markdown as written.' })
  body: string;

  @Field({ description: 'The Markdown rendered to sanitized HTML.' })
  bodyHtml: string;

  @Field(() => String, { nullable: true })
  contentWarning: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  editedAt: Date | null;

  @Field(() => ContentStatusEnum)
  status: ContentStatus;

  threadId: string;
  authorId: string;
  replyToPostId: string | null;
}

@ObjectType()
export class PostConnection extends Connection(Post) {}

export function toPost(entity: PostEntity): Post {
  return {
    id: entity.id,
    position: entity.position,
    body: entity.body,
    bodyHtml: entity.bodyHtml,
    contentWarning: entity.contentWarning,
    createdAt: entity.createdAt,
    editedAt: entity.editedAt,
    status: entity.status,
    threadId: entity.threadId,
    authorId: entity.authorId,
    replyToPostId: entity.replyToPostId,
  };
}
