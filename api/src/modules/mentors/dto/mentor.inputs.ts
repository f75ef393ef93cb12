import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { LIMITS } from '@kinship/shared';
import { CleanText } from '../../../common/validators';
import { MENTOR_CAPACITY_MAX, MENTOR_TOPICS_MAX } from '../mentor-rules';

/** A list of topic ids: unique, valid, at most MENTOR_TOPICS_MAX (that each exists is the service's check). */
function TopicIds(min: number): PropertyDecorator {
  return (target, key) => {
    IsArray({ message: 'topicIds must be a list of topics.' })(target, key);
    if (min > 0) ArrayMinSize(min, { message: 'Choose at least one topic you can help with.' })(target, key);
    ArrayMaxSize(MENTOR_TOPICS_MAX, { message: `Choose at most ${MENTOR_TOPICS_MAX} topics.` })(target, key);
    ArrayUnique({ message: 'topicIds must not repeat a topic.' })(target, key);
    IsUUID('all', { each: true, message: 'topicIds has a topic that is not valid.' })(target, key);
  };
}

@InputType({ description: 'An offer to mentor (saved again to change it).' })
export class SaveMentorProfileInput {
  @Field({ description: `A short "about me" for newcomers (at most ${LIMITS.mentorAboutMax} characters).` })
  @CleanText()
  @IsString({ message: 'About must be text.' })
  @Length(1, LIMITS.mentorAboutMax, {
    message: `About must say a few words about you, in at most ${LIMITS.mentorAboutMax} characters.`,
  })
  about: string;

  @Field(() => [ID], { description: 'What you can help with (mentorTopics), at least one.' })
  @TopicIds(1)
  topicIds: string[];

  @Field(() => Int, { description: `How many mentees at once, 1 to ${MENTOR_CAPACITY_MAX}.` })
  @IsInt({ message: 'Capacity must be a whole number of mentees.' })
  @Min(1, { message: `Capacity must be between 1 and ${MENTOR_CAPACITY_MAX} mentees.` })
  @Max(MENTOR_CAPACITY_MAX, { message: `Capacity must be between 1 and ${MENTOR_CAPACITY_MAX} mentees.` })
  capacity: number;

  @Field({
    description: 'False to step back for a while: you are not suggested, and current pairings go on.',
  })
  @IsBoolean({ message: 'Available must be true or false.' })
  available: boolean;
}

@InputType({ description: 'A newcomer asking one mentor (from mentorSuggestions).' })
export class RequestMentorInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'mentorId is not a valid member.' })
  mentorId: string;

  @Field(() => [ID], { description: 'What you would like help with (mentorTopics).' })
  @TopicIds(0)
  topicIds: string[];

  @Field(() => String, {
    nullable: true,
    description: `A note to the mentor (at most ${LIMITS.mentorNoteMax} characters).`,
  })
  @IsOptional()
  @CleanText()
  @IsString({ message: 'Note must be text.' })
  @MaxLength(LIMITS.mentorNoteMax, { message: `Note can be at most ${LIMITS.mentorNoteMax} characters.` })
  note?: string | null;
}
