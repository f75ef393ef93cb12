import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A device signed in to your account. No token material is ever shown.' })
export class Session {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'Coarse, e.g. "Firefox on Android".' })
  deviceHint: string | null;

  @Field()
  createdAt: Date;

  @Field()
  lastUsedAt: Date;

  @Field({ description: 'True for the session making this request.' })
  current: boolean;
}

@ObjectType({ description: 'A single-use link that lets a member choose a new password.' })
export class PasswordResetLink {
  @Field({ description: 'Shown once: give it to the member privately.' })
  url: string;

  @Field()
  expiresAt: Date;
}
