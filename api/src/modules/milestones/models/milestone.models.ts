import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { LIMITS } from '@kinship/shared';
import { CleanText } from '../../../common/validators';
import { IsPostBody } from '../../discussions/dto/post-body';
import { Thread } from '../../discussions/models/thread.model';
import { DateScalar } from '../../../graphql/scalars';

export const VisibilityEnum = { ONLY_ME: 'ONLY_ME', MEMBERS: 'MEMBERS' } as const;
registerEnumType(VisibilityEnum, { name: 'Visibility', description: 'Who may see your recovery start date.' });
export type Visibility = keyof typeof VisibilityEnum;

@ObjectType()
export class Milestone {
  @Field({ description: 'DAYS_30, MONTHS_6, YEAR_2, ...' })
  key: string;

  @Field()
  label: string;

  @Field(() => Int, { description: 'Days from the start date.' })
  days: number;

  @Field({ description: 'The local date it falls on (YYYY-MM-DD).' })
  date: string;
}

@ObjectType()
export class MilestoneProgress {
  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD, or null when not set.' })
  recoveryStart: string | null;

  @Field(() => VisibilityEnum)
  visibility: Visibility;

  @Field()
  announce: boolean;

  @Field(() => Int, { nullable: true })
  daysSober: number | null;

  @Field(() => [Milestone])
  reached: Milestone[];

  @Field(() => Milestone, { nullable: true })
  next: Milestone | null;
}

@ObjectType()
export class Celebration {
  @Field(() => ID)
  id: string;

  @Field(() => Milestone, { nullable: true, description: 'The ladder milestone, or null for a member’s own.' })
  milestone: Milestone | null;

  @Field()
  title: string;

  @Field()
  createdAt: Date;

  @Field(() => Int)
  cheerCount: number;

  @Field(() => Thread, { description: 'The celebration’s text (its opening post) and replies.' })
  replies: Thread;

  authorId: string;
  threadId: string;
}

@InputType()
export class CelebrateInput {
  @Field()
  @CleanText()
  @IsString()
  @Length(LIMITS.threadTitleMin, LIMITS.threadTitleMax, {
    message: `Title must be between ${LIMITS.threadTitleMin} and ${LIMITS.threadTitleMax} characters.`,
  })
  title: string;

  @Field()
  @IsPostBody()
  body: string;
}
