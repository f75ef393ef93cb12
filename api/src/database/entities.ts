import { BlockEntity } from '../modules/accounts/entities/block.entity';
import { InviteEntity } from '../modules/accounts/entities/invite.entity';
import { PasswordResetEntity } from '../modules/accounts/entities/password-reset.entity';
import { SessionEntity } from '../modules/accounts/entities/session.entity';
import { UserEntity } from '../modules/accounts/entities/user.entity';
import { CategoryEntity } from '../modules/discussions/entities/category.entity';
import { DraftEntity } from '../modules/discussions/entities/draft.entity';
import { PostRevisionEntity } from '../modules/discussions/entities/post-revision.entity';
import { PostEntity } from '../modules/discussions/entities/post.entity';
import { ReactionEntity } from '../modules/discussions/entities/reaction.entity';
import { ThreadWatchEntity } from '../modules/discussions/entities/thread-watch.entity';
import { ThreadEntity } from '../modules/discussions/entities/thread.entity';
import { NotificationPreferenceEntity } from '../modules/notifications/entities/notification-preference.entity';
import { NotificationEntity } from '../modules/notifications/entities/notification.entity';
import { AppealEntity } from '../modules/moderation/entities/appeal.entity';
import { FlagCaseEntity } from '../modules/screening/entities/flag-case.entity';
import { FlagEntity } from '../modules/moderation/entities/flag.entity';
import { ModerationSettingsEntity } from '../modules/screening/entities/moderation-settings.entity';
import { ModerationActionEntity } from '../modules/screening/entities/moderation-action.entity';
import { ModeratorNoteEntity } from '../modules/moderation/entities/moderator-note.entity';
import { WatchedWordEntity } from '../modules/screening/entities/watched-word.entity';
import { CalendarTokenEntity } from '../modules/events/entities/calendar-token.entity';
import { EventEntity } from '../modules/events/entities/event.entity';
import { EventReminderEntity } from '../modules/events/entities/event-reminder.entity';
import { RsvpEntity } from '../modules/events/entities/rsvp.entity';
import { CelebrationEntity } from '../modules/milestones/entities/celebration.entity';
import { CheerEntity } from '../modules/milestones/entities/cheer.entity';
import { FollowEntity } from '../modules/milestones/entities/follow.entity';
import { ResourceBoardEntity } from '../modules/resources/entities/resource-board.entity';
import { ResourceReportEntity, ResourceSaveEntity } from '../modules/resources/entities/resource-mark.entity';
import { ResourceEntity } from '../modules/resources/entities/resource.entity';
import { CheckInEntity } from '../modules/recovery/check-ins/entities/check-in.entity';
import { CheckInSettingsEntity } from '../modules/recovery/check-ins/entities/check-in-settings.entity';
import { RecoveryCapitalCheckEntity } from '../modules/recovery/check-ins/entities/recovery-capital-check.entity';
import { ReachOutEntity } from '../modules/recovery/safety-net/entities/reach-out.entity';
import { SafetyPlanEntity } from '../modules/recovery/safety-net/entities/safety-plan.entity';
import { SupportLinkEntity } from '../modules/recovery/safety-net/entities/support-link.entity';
import { ConversationEntity } from '../modules/conversations/entities/conversation.entity';
import { ConversationMemberEntity } from '../modules/conversations/entities/conversation-member.entity';
import { MessageEntity } from '../modules/conversations/entities/message.entity';
import { MessageContactEntity } from '../modules/conversations/entities/message-contact.entity';
import { MessageSettingsEntity } from '../modules/conversations/entities/message-settings.entity';
import { ReportedMessageEntity } from '../modules/conversations/entities/reported-message.entity';
import { MentorTopicEntity } from '../modules/mentors/entities/mentor-topic.entity';
import { MentorProfileEntity } from '../modules/mentors/entities/mentor-profile.entity';
import { MentorPairingEntity } from '../modules/mentors/entities/mentor-pairing.entity';
import { OutboxEntity } from '../queue/outbox.entity';
import { ScheduleRunEntity } from '../queue/schedule-run.entity';

/** Every entity, listed explicitly (no globs: see STACK.md pitfall 4). */
export const ENTITIES = [
  UserEntity,
  SessionEntity,
  PasswordResetEntity,
  InviteEntity,
  BlockEntity,
  CategoryEntity,
  ThreadEntity,
  PostEntity,
  PostRevisionEntity,
  ReactionEntity,
  ThreadWatchEntity,
  DraftEntity,
  NotificationEntity,
  NotificationPreferenceEntity,
  FlagCaseEntity,
  FlagEntity,
  ModerationActionEntity,
  AppealEntity,
  WatchedWordEntity,
  ModeratorNoteEntity,
  ModerationSettingsEntity,
  EventEntity,
  EventReminderEntity,
  RsvpEntity,
  CalendarTokenEntity,
  CelebrationEntity,
  CheerEntity,
  FollowEntity,
  ResourceBoardEntity,
  ResourceEntity,
  ResourceSaveEntity,
  ResourceReportEntity,
  CheckInEntity,
  RecoveryCapitalCheckEntity,
  CheckInSettingsEntity,
  SafetyPlanEntity,
  SupportLinkEntity,
  ReachOutEntity,
  ConversationEntity,
  ConversationMemberEntity,
  MessageEntity,
  MessageContactEntity,
  MessageSettingsEntity,
  ReportedMessageEntity,
  MentorTopicEntity,
  MentorProfileEntity,
  MentorPairingEntity,
  OutboxEntity,
  ScheduleRunEntity,
];
