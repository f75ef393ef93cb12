import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DraftEntity } from '../entities/draft.entity';

@ObjectType({ description: 'A half-written thread or reply, kept for 30 days.' })
export class Draft {
  @Field()
  key: string;

  @Field(() => String, { nullable: true })
  title: string | null;

  @Field()
  body: string;

  @Field(() => ID, { nullable: true })
  categoryId: string | null;

  @Field()
  updatedAt: Date;
}

export function toDraft(entity: DraftEntity): Draft {
  return {
    key: entity.key,
    title: entity.title,
    body: entity.body,
    categoryId: entity.categoryId,
    updatedAt: entity.updatedAt,
  };
}
