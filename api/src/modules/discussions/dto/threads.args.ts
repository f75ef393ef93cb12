import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { PageArgs } from '../../../graphql/connection';

@ArgsType()
export class ThreadsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Category id is not valid.' })
  categoryId?: string;
}

@ArgsType()
export class ThreadPostsArgs extends PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'Start at this post position (1 is the opening post); ignored when `after` is given.',
  })
  @IsOptional()
  @IsInt({ message: 'fromPosition must be a whole number.' })
  @Min(1, { message: 'fromPosition must be at least 1.' })
  fromPosition?: number;
}
