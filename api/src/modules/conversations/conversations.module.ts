import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { LiveCountService } from '../notifications/live-count.service';
import { NotificationWriterModule } from '../notifications/notification-writer';
import { NotificationsModule } from '../notifications/notifications.module';
import { ScreeningModule } from '../screening/screening.module';
import { ConversationReportsService } from './conversation-reports.service';
import {
  CaseMessageFieldsResolver,
  ConversationsResolver,
  MessageFieldsResolver,
  ParticipantFieldsResolver,
} from './conversations.resolver';
import { ConversationsService } from './conversations.service';
import { MessagingService } from './messaging.service';

/** The header's Messages badge rides on the notifications' live stream, as the event `messages`. */
@Injectable()
class MessagesBadge implements OnModuleInit {
  constructor(
    private readonly live: LiveCountService,
    private readonly conversations: ConversationsService,
  ) {}

  onModuleInit(): void {
    this.live.registerCounter('messages', (userId) => this.conversations.unreadCount(userId));
  }
}

/**
 * Private conversations: reading (conversations.service), writing (messaging.service: start,
 * send, requests, leave, mute, delete, settings) and reporting (conversation-reports.service,
 * the only way moderators read a message). Who may write to whom is messaging-rules.ts.
 */
@Module({
  imports: [AccountsModule, NotificationsModule, NotificationWriterModule, ScreeningModule],
  providers: [
    ConversationsService,
    MessagingService,
    ConversationReportsService,
    ConversationsResolver,
    ParticipantFieldsResolver,
    MessageFieldsResolver,
    CaseMessageFieldsResolver,
    MessagesBadge,
  ],
  exports: [ConversationsService, MessagingService, ConversationReportsService],
})
export class ConversationsModule {}
