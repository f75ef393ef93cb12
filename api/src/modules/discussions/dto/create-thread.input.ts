import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, Length } from 'class-validator';
import { LIMITS } from '@kinship/shared';
import { CleanText } from '../../../common/validators';
import type { SensitiveTopic } from '@kinship/shared';
import { SensitiveTopicEnum } from '../../../graphql/enums';
import { IsContentWarning, IsPostBody, IsTopics } from './post-body';

@InputType()
export class CreateThreadInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Category must be chosen from the list.' })
  categoryId: string;

  @Field()
  @CleanText()
  @IsString({ message: 'Title must be text.' })
  @Length(LIMITS.threadTitleMin, LIMITS.threadTitleMax, {
    message: `Title must be between ${LIMITS.threadTitleMin} and ${LIMITS.threadTitleMax} characters.`,
  })
  title: string;

  @Field()
  @IsPostBody()
  body: string;

  @Field(() => String, { nullable: true })
  @IsContentWarning()
  contentWarning?: string;

  @Field(() => [SensitiveTopicEnum], { nullable: true, description: 'Sensitive topics this post touches.' })
  @IsTopics()
  topics?: SensitiveTopic[];
}
