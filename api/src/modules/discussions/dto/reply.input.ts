import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import type { SensitiveTopic } from '@kinship/shared';
import { SensitiveTopicEnum } from '../../../graphql/enums';
import { IsContentWarning, IsPostBody, IsTopics } from './post-body';

@InputType()
export class ReplyInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Thread id is not valid.' })
  threadId: string;

  @Field()
  @IsPostBody()
  body: string;

  @Field(() => ID, { nullable: true, description: 'The post being quoted, in the same thread.' })
  @IsOptional()
  @IsUUID('all', { message: 'Reply-to post id is not valid.' })
  replyToPostId?: string;

  @Field(() => String, { nullable: true })
  @IsContentWarning()
  contentWarning?: string;

  @Field(() => [SensitiveTopicEnum], { nullable: true, description: 'Sensitive topics this post touches.' })
  @IsTopics()
  topics?: SensitiveTopic[];
}
