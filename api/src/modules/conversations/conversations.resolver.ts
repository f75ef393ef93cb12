import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { Connection, PageArgs } from '../../graphql/connection';
import { defineLoader, GraphQLContext } from '../../graphql/loaders';
import { User } from '../accounts/models/user.model';
import { UsersLoader } from '../accounts/users.loader';
import { ConversationReportsService } from './conversation-reports.service';
import { ConversationsService, messageFromEntity } from './conversations.service';
import { ReportConversationInput, SendMessageInput, StartConversationInput } from './dto/conversation.inputs';
import { MessagingService, Sent } from './messaging.service';
import {
  CaseMessage,
  Conversation,
  ConversationConnection,
  ConversationParticipant,
  Message,
  MessageConnection,
  MessageReach,
  MessageReachEnum,
  MessageResult,
  MessageSettings,
  SendState,
} from './models/conversation.models';

const PARTICIPANTS = defineLoader<string, ConversationParticipant[]>('conversations.participants');
const LAST_MESSAGES = defineLoader<string, Message | null>('conversations.lastMessage');

/** Private conversations: every operation reads and writes the viewer's own only, whatever their role. */
@Resolver(() => Conversation)
export class ConversationsResolver {
  constructor(
    private readonly reading: ConversationsService,
    private readonly messaging: MessagingService,
    private readonly reports: ConversationReportsService,
  ) {}

  @Query(() => ConversationConnection, { description: 'Your conversations, latest activity first (requests to you are in messageRequests).' })
  conversations(@Args() args: PageArgs, @CurrentUser() viewer: Viewer): Promise<Connection<Conversation>> {
    return this.reading.list(viewer.id, args);
  }

  @Query(() => [Conversation], { description: 'Message requests to you, waiting for your answer.' })
  messageRequests(@CurrentUser() viewer: Viewer): Promise<Conversation[]> {
    return this.reading.requests(viewer.id);
  }

  @Query(() => Conversation, { nullable: true, description: 'A conversation you are in (or asked into); null for anyone else.' })
  conversation(@Args('id', { type: () => ID }) id: string, @CurrentUser() viewer: Viewer): Promise<Conversation | null> {
    return this.reading.find(viewer.id, id);
  }

  @Query(() => Int, { description: 'Conversations with unread messages, and requests waiting: the header badge.' })
  unreadConversationCount(@CurrentUser() viewer: Viewer): Promise<number> {
    return this.reading.unreadCount(viewer.id);
  }

  @Query(() => MessageSettings)
  messageSettings(@CurrentUser() viewer: Viewer): Promise<MessageSettings> {
    return this.messaging.settings(viewer.id);
  }

  @Query(() => MessageReachEnum, { description: 'Whether you can write to this member directly, by request, or not at all.' })
  messageReach(@Args('userId', { type: () => ID }) userId: string, @CurrentUser() viewer: Viewer): Promise<MessageReach> {
    return this.messaging.reach(viewer, userId);
  }

  @Mutation(() => MessageResult, { description: 'Starts a conversation with 1 to 5 people; those you cannot write to directly get it as a request.' })
  async startConversation(@Args('input') input: StartConversationInput, @CurrentUser() viewer: Viewer): Promise<MessageResult> {
    return this.result(viewer, await this.messaging.start(viewer, input));
  }

  @Mutation(() => MessageResult)
  async sendMessage(@Args('input') input: SendMessageInput, @CurrentUser() viewer: Viewer): Promise<MessageResult> {
    return this.result(viewer, await this.messaging.send(viewer, input.conversationId, input.body));
  }

  private async result(viewer: Viewer, sent: Sent): Promise<MessageResult> {
    const conversation = await this.reading.find(viewer.id, sent.conversationId);
    if (!conversation) throw new Error('a conversation just written is missing');
    return {
      message: messageFromEntity(sent.message, viewer.id),
      conversation,
      safetyResources: sent.safetyResources,
    };
  }

  @Mutation(() => Boolean, { description: 'Marks the conversation read (and its notifications).' })
  async markConversationRead(@Args('id', { type: () => ID }) id: string, @CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.messaging.markRead(viewer, id);
    return true;
  }

  @Mutation(() => Conversation, { nullable: true, description: 'Accept (the conversation is returned) or decline (null; the sender reads only "not accepted").' })
  async respondToMessageRequest(
    @Args('conversationId', { type: () => ID }) conversationId: string,
    @Args('accept') accept: boolean,
    @CurrentUser() viewer: Viewer,
  ): Promise<Conversation | null> {
    await this.messaging.respond(viewer, conversationId, accept);
    return accept ? this.reading.find(viewer.id, conversationId) : null;
  }

  @Mutation(() => Boolean, { description: 'Leaves the conversation; you no longer read it.' })
  async leaveConversation(@Args('id', { type: () => ID }) id: string, @CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.messaging.leave(viewer, id);
    return true;
  }

  @Mutation(() => Conversation, { description: 'Muted: no notifications or emails for new messages.' })
  async muteConversation(
    @Args('id', { type: () => ID }) id: string,
    @Args('muted') muted: boolean,
    @CurrentUser() viewer: Viewer,
  ): Promise<Conversation> {
    await this.messaging.mute(viewer, id, muted);
    const conversation = await this.reading.find(viewer.id, id);
    if (!conversation) throw new Error('a conversation just muted is missing');
    return conversation;
  }

  @Mutation(() => Message, { description: 'Deletes your own message: it reads "message removed" to everyone.' })
  async deleteMessage(@Args('id', { type: () => ID }) id: string, @CurrentUser() viewer: Viewer): Promise<Message> {
    return messageFromEntity(await this.messaging.deleteMessage(viewer, id), viewer.id);
  }

  @Mutation(() => Boolean, { description: 'Shares the chosen messages (and the five before each) with moderators as a case.' })
  async reportConversation(@Args('input') input: ReportConversationInput, @CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.reports.report(viewer, input);
    return true;
  }

  @Mutation(() => MessageSettings, { description: 'Turns message requests from other members on or off.' })
  setMessageRequests(@Args('allow') allow: boolean, @CurrentUser() viewer: Viewer): Promise<MessageSettings> {
    return this.messaging.setAllowRequests(viewer.id, allow);
  }

  @ResolveField(() => [ConversationParticipant], { description: 'Everyone else in it, with how each stands.' })
  participants(@Parent() c: Conversation, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<ConversationParticipant[]> {
    return ctx.loaders.for(PARTICIPANTS, (ids) => this.reading.participants(viewer.id, ids)).load(c.id);
  }

  @ResolveField(() => Message, { nullable: true })
  lastMessage(@Parent() c: Conversation, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<Message | null> {
    return ctx.loaders.for(LAST_MESSAGES, (ids) => this.reading.lastMessages(viewer.id, ids)).load(c.id);
  }

  @ResolveField(() => MessageConnection, { description: 'Newest first; `after` pages back in time.' })
  messages(@Parent() c: Conversation, @Args() args: PageArgs, @CurrentUser() viewer: Viewer): Promise<Connection<Message>> {
    return this.reading.messages(viewer.id, c.id, args);
  }

  @ResolveField(() => SendState)
  sendState(@Parent() c: Conversation, @CurrentUser() viewer: Viewer): Promise<SendState> {
    return this.reading.sendState(viewer.id, c.id);
  }
}

@Resolver(() => ConversationParticipant)
export class ParticipantFieldsResolver {
  constructor(private readonly users: UsersLoader) {}

  @ResolveField(() => User)
  user(@Parent() p: ConversationParticipant, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<User> {
    return this.users.load(ctx.loaders, p.userId, viewer);
  }
}

@Resolver(() => Message)
export class MessageFieldsResolver {
  constructor(private readonly users: UsersLoader) {}

  @ResolveField(() => User, { nullable: true, description: 'Null only if the account is gone entirely; a deleted account reads "Former member".' })
  author(@Parent() m: Message, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<User | null> {
    return m.authorId ? this.users.load(ctx.loaders, m.authorId, viewer) : Promise.resolve(null);
  }
}

@Resolver(() => CaseMessage)
export class CaseMessageFieldsResolver {
  constructor(private readonly users: UsersLoader) {}

  @ResolveField(() => User, { nullable: true })
  author(@Parent() m: CaseMessage, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<User | null> {
    return m.authorId ? this.users.load(ctx.loaders, m.authorId, viewer) : Promise.resolve(null);
  }
}
