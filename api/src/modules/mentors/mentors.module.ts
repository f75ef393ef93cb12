import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { NotificationWriterModule } from '../notifications/notification-writer';
import {
  MentorPairingFieldsResolver,
  MentorProfileFieldsResolver,
  MentorSuggestionFieldsResolver,
} from './mentor-fields.resolver';
import { MentorProfilesService } from './mentor-profiles.service';
import { MentorTopicsService } from './mentor-topics.service';
import { MentorsResolver } from './mentors.resolver';
import { PairingsService } from './pairings.service';

/**
 * Mentors (bridging the gap): alumni with a year or more offer to mentor, newcomers in their
 * first 6 months ask by need, staff approve offers and oversee pairings (never their
 * conversations). An accepted pairing opens a MENTORING conversation (ConversationsModule).
 */
@Module({
  imports: [AccountsModule, ConversationsModule, NotificationWriterModule],
  providers: [
    MentorTopicsService,
    MentorProfilesService,
    PairingsService,
    MentorsResolver,
    MentorPairingFieldsResolver,
    MentorProfileFieldsResolver,
    MentorSuggestionFieldsResolver,
  ],
  exports: [PairingsService],
})
export class MentorsModule {}
