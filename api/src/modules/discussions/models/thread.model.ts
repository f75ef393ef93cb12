import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../../graphql/connection';
import { ThreadEntity } from '../entities/thread.entity';

/** `category`, `author` and `posts` are resolved by ThreadFieldsResolver through DataLoaders. */
@ObjectType()
export class Thread {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  createdAt: Date;

  @Field()
  lastActivityAt: Date;

  @Field()
  pinned: boolean;

  @Field()
  locked: boolean;

  @Field(() => Int, { description: 'Replies after the opening post.' })
  replyCount: number;

  categoryId: string;
  authorId: string;
}

@ObjectType()
export class ThreadConnection extends Connection(Thread) {}

export function toThread(entity: ThreadEntity): Thread {
  return {
    id: entity.id,
    title: entity.title,
    createdAt: entity.createdAt,
    lastActivityAt: entity.lastActivityAt,
    pinned: entity.pinned,
    locked: entity.locked,
    replyCount: entity.replyCount,
    categoryId: entity.categoryId,
    authorId: entity.authorId,
  };
}
