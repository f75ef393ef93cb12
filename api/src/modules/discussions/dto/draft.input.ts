import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { LIMITS } from '@kinship/shared';

export const DRAFT_KEY = /^(new-thread|thread:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const DRAFT_KEY_MESSAGE = 'Draft key must be "new-thread" or "thread:<thread id>".';

@InputType()
export class SaveDraftInput {
  @Field({ description: '"new-thread", or "thread:<id>" for a reply.' })
  @Matches(DRAFT_KEY, { message: DRAFT_KEY_MESSAGE })
  key: string;

  @Field()
  @IsString()
  @MaxLength(LIMITS.postBodyMax, { message: `Body can be at most ${LIMITS.postBodyMax.toLocaleString('en-US')} characters.` })
  body: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.threadTitleMax, { message: `Title can be at most ${LIMITS.threadTitleMax} characters.` })
  title?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Category must be chosen from the list.' })
  categoryId?: string;
}

export { DRAFT_KEY_MESSAGE };
