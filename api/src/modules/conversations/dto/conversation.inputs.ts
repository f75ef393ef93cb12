import { applyDecorators } from '@nestjs/common';
import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Validate,
} from 'class-validator';
import { LIMITS } from '@kinship/shared';
import type { FlagReason } from '@kinship/shared';
import { NotBlank } from '../../../common/validators';
import { FlagNoteField, FlagReasonField } from '../../../graphql/flag-fields';
import { CONVERSATION_MAX_PEOPLE } from '../messaging-rules';

function IsMessageBody(): PropertyDecorator {
  return applyDecorators(
    IsString({ message: 'Message must be text.' }),
    Validate(NotBlank, { message: 'Write something before sending.' }),
    Length(1, LIMITS.messageBodyMax, {
      message: `A message can be at most ${LIMITS.messageBodyMax.toLocaleString('en-US')} characters.`,
    }),
  );
}

@InputType()
export class StartConversationInput {
  @Field(() => [ID], { nullable: true, description: 'Who to write to, by id (with recipientNames, 1 to 5 people).' })
  @IsOptional()
  @IsArray({ message: 'recipientIds must be a list.' })
  @ArrayUnique({ message: 'recipientIds must not repeat.' })
  @ArrayMaxSize(CONVERSATION_MAX_PEOPLE - 1, { message: `A conversation has at most ${CONVERSATION_MAX_PEOPLE} people, you included.` })
  @IsUUID('all', { each: true, message: 'recipientIds has an id that is not valid.' })
  recipientIds?: string[];

  @Field(() => [String], { nullable: true, description: 'Who to write to, by display name.' })
  @IsOptional()
  @IsArray({ message: 'recipientNames must be a list.' })
  @ArrayMaxSize(CONVERSATION_MAX_PEOPLE - 1, { message: `A conversation has at most ${CONVERSATION_MAX_PEOPLE} people, you included.` })
  @IsString({ each: true, message: 'recipientNames must be display names.' })
  @MaxLength(LIMITS.displayNameMax, { each: true, message: `A display name is at most ${LIMITS.displayNameMax} characters.` })
  recipientNames?: string[];

  @Field()
  @IsMessageBody()
  body: string;
}

@InputType()
export class SendMessageInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'conversationId is not valid.' })
  conversationId: string;

  @Field()
  @IsMessageBody()
  body: string;
}

@InputType()
export class ReportConversationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'conversationId is not valid.' })
  conversationId: string;

  @Field(() => [ID], { description: 'The messages to share with moderators (with the five before each, for context).' })
  @IsArray({ message: 'messageIds must be a list.' })
  @ArrayMinSize(1, { message: 'Choose at least one message to report.' })
  @ArrayMaxSize(20, { message: 'Report at most 20 messages at once.' })
  @ArrayUnique({ message: 'messageIds must not repeat.' })
  @IsUUID('all', { each: true, message: 'messageIds has an id that is not valid.' })
  messageIds: string[];

  @FlagReasonField()
  reason: FlagReason;

  @FlagNoteField()
  note?: string;
}
