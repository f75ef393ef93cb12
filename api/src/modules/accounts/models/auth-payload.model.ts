import { Field, ObjectType } from '@nestjs/graphql';
import { User } from './user.model';

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Bearer token for the Authorization header. Shown once.' })
  token: string;

  @Field(() => User)
  user: User;
}
