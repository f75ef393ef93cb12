import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { PageArgs } from '../../../graphql/connection';
import { Trim } from '../../../common/validators';

@ArgsType()
export class SearchArgs extends PageArgs {
  @Field()
  @Trim()
  @IsString({ message: 'Search text must be text.' })
  @Length(1, 200, { message: 'Search text must be between 1 and 200 characters.' })
  query: string;
}
