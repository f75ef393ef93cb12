import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Role, SensitiveTopic } from '@kinship/shared';
import { RoleEnum, SensitiveTopicEnum } from '../../../graphql/enums';
import { UserEntity } from '../entities/user.entity';

@ObjectType({ description: 'A member of the community, as other members see them.' })
export class User {
  @Field(() => ID)
  id: string;

  @Field()
  displayName: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field()
  joinedAt: Date;

  @Field(() => String, { nullable: true })
  bio: string | null;

  @Field(() => String, { nullable: true })
  pronouns: string | null;

  @Field(() => String, { nullable: true, description: 'Only ever shown to the member themself.' })
  email: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone; only shown to the member themself.' })
  timeZone: string | null;

  @Field(() => [SensitiveTopicEnum], {
    nullable: true,
    description: 'Topics collapsed for this member; only shown to the member themself.',
  })
  topicFilters: SensitiveTopic[] | null;
}

/** `self` is true when the viewer is this user: only then are private fields filled in. */
export function toUser(entity: UserEntity, self: boolean): User {
  return {
    id: entity.id,
    displayName: entity.displayName,
    role: entity.role,
    joinedAt: entity.joinedAt,
    bio: entity.bio,
    pronouns: entity.pronouns,
    email: self ? entity.email : null,
    timeZone: self ? entity.timeZone : null,
    topicFilters: self ? entity.topicFilters : null,
  };
}
