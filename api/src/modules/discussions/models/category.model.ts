import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CategoryEntity } from '../entities/category.entity';

@ObjectType()
export class Category {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  slug: string;

  @Field()
  description: string;

  @Field(() => Int)
  position: number;
}

export function toCategory(entity: CategoryEntity): Category {
  return {
    id: entity.id,
    name: entity.name,
    slug: entity.slug,
    description: entity.description,
    position: entity.position,
  };
}
