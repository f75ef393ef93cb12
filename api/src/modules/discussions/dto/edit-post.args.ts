import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import type { SensitiveTopic } from '@kinship/shared';
import { SensitiveTopicEnum } from '../../../graphql/enums';
import { IsContentWarning, IsPostBody, IsTopics } from './post-body';

@ArgsType()
export class EditPostArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'Post id is not valid.' })
  id: string;

  @Field()
  @IsPostBody()
  body: string;

  @Field(() => String, { nullable: true, description: 'The new warning; leave out or empty to remove it.' })
  @IsContentWarning()
  contentWarning?: string;

  @Field(() => [SensitiveTopicEnum], { nullable: true, description: 'The new topics; leave out to keep them.' })
  @IsTopics()
  topics?: SensitiveTopic[];
}
