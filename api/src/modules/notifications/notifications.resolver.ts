import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Public } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { NotificationsArgs } from './dto/notifications.args';
import { NotificationConnection } from './models/notification.model';
import { NotificationsService } from './notifications.service';
import { PreferencesService } from './preferences.service';
import { QuietHoursArgs, SetPreferenceArgs } from './dto/preference.args';
import { NotificationPreference, QuietHours } from './models/preference.model';

@Resolver()
export class NotificationsResolver {
  constructor(
    private readonly service: NotificationsService,
    private readonly preferences: PreferencesService,
  ) {}

  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  notifications(@Args() args: NotificationsArgs, @CurrentUser() viewer: Viewer): Promise<NotificationConnection> {
    return this.service.list(viewer.id, args);
  }

  @Query(() => Int)
  unreadNotificationCount(@CurrentUser() viewer: Viewer): Promise<number> {
    return this.service.unreadCount(viewer.id);
  }

  @Query(() => [NotificationPreference], { description: 'Per type: in-app on/off and email OFF / IMMEDIATE / DAILY_DIGEST.' })
  notificationPreferences(@CurrentUser() viewer: Viewer): Promise<NotificationPreference[]> {
    return this.preferences.list(viewer.id);
  }

  @Mutation(() => NotificationPreference)
  setNotificationPreference(@Args() args: SetPreferenceArgs, @CurrentUser() viewer: Viewer): Promise<NotificationPreference> {
    return this.preferences.set(viewer.id, args.type, args.inApp, args.email);
  }

  @Query(() => QuietHours, { description: 'When email waits until morning (in-app is unaffected).' })
  quietHours(@CurrentUser() viewer: Viewer): Promise<QuietHours> {
    return this.preferences.quietHours(viewer.id);
  }

  @Mutation(() => QuietHours)
  setQuietHours(@Args() args: QuietHoursArgs, @CurrentUser() viewer: Viewer): Promise<QuietHours> {
    return this.preferences.setQuietHours(viewer.id, args.enabled, args.start, args.end);
  }

  @Public()
  @Mutation(() => NotificationPreference, { description: "One-click unsubscribe from an email's signed link; no session needed." })
  unsubscribe(@Args('token') token: string): Promise<NotificationPreference> {
    return this.preferences.unsubscribe(token);
  }

  @Mutation(() => Int, { description: 'Marks these (or, without ids, all) of your notifications read; returns how many changed.' })
  markNotificationsRead(
    @Args('ids', { type: () => [ID], nullable: true }) ids: string[] | null,
    @CurrentUser() viewer: Viewer,
  ): Promise<number> {
    return this.service.markRead(viewer.id, ids);
  }
}
