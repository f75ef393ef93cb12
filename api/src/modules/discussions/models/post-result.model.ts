import { Field, ObjectType } from '@nestjs/graphql';
import { Post } from './post.model';

@ObjectType({ description: 'A crisis line or service, shown to a member whose words read as a crisis.' })
export class SafetyResource {
  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  text: string | null;

  @Field(() => String, { nullable: true })
  url: string | null;
}

@ObjectType()
export class PostResult {
  @Field(() => Post)
  post: Post;

  @Field(() => [SafetyResource], { description: 'Non-empty when the text reads as a crisis.' })
  safetyResources: SafetyResource[];
}
