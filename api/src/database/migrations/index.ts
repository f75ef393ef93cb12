import { Init1795755194392 } from './1795755194392-Init';
import { Discussions1795755754803 } from './1795755754803-Discussions';
import { Moderation1795757026748 } from './1795757026748-Moderation';
import { ModerationSettings1795758069757 } from './1795758069757-ModerationSettings';
import { Events1795758293501 } from './1795758293501-Events';
import { NotificationDelivery1795758940399 } from './1795758940399-NotificationDelivery';
import { LiveCount1795759300000 } from './1795759300000-LiveCount';
import { Milestones1795759982244 } from './1795759982244-Milestones';
import { Resources1795760396228 } from './1795760396228-Resources';
import { OutboxLongDelays1795761000000 } from './1795761000000-OutboxLongDelays';
import { Privacy1795765591473 } from './1795765591473-Privacy';
import { SearchRecency1795766000000 } from './1795766000000-SearchRecency';
import { EventReview1796193494628 } from './1796193494628-EventReview';
import { DisplayNameKeys1796193984879 } from './1796193984879-DisplayNameKeys';
import { DurableDeadlines1796195161866 } from './1796195161866-DurableDeadlines';
import { EventSequence1796223682863 } from './1796223682863-EventSequence';
import { OutboxOrder1796225845671 } from './1796225845671-OutboxOrder';
import { RateLimitCounters1796310000000 } from './1796310000000-RateLimitCounters';
import { CheckIns1796400000000 } from './1796400000000-CheckIns';
import { SafetyNet1796500000000 } from './1796500000000-SafetyNet';
import { Conversations1796600000000 } from './1796600000000-Conversations';
import { MentorTopics1796700000000 } from './1796700000000-MentorTopics';

/** Every migration, in order. Add each new one here (no globs: see STACK.md pitfall 4). */
export const MIGRATIONS = [Init1795755194392, Discussions1795755754803, Moderation1795757026748, ModerationSettings1795758069757, Events1795758293501, NotificationDelivery1795758940399, LiveCount1795759300000, Milestones1795759982244, Resources1795760396228, OutboxLongDelays1795761000000, Privacy1795765591473, SearchRecency1795766000000, EventReview1796193494628, DisplayNameKeys1796193984879, DurableDeadlines1796195161866, EventSequence1796223682863, OutboxOrder1796225845671, RateLimitCounters1796310000000, CheckIns1796400000000, SafetyNet1796500000000, Conversations1796600000000, MentorTopics1796700000000];
