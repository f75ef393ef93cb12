import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { NotificationsArgs } from './dto/notifications.args';
import { NotificationConnection } from './models/notification.model';
import { NotificationsService } from './notifications.service';

@Resolver()
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  notifications(@Args() args: NotificationsArgs, @CurrentUser() viewer: Viewer): Promise<NotificationConnection> {
    return this.service.list(viewer.id, args);
  }

  @Query(() => Int)
  unreadNotificationCount(@CurrentUser() viewer: Viewer): Promise<number> {
    return this.service.unreadCount(viewer.id);
  }

  @Mutation(() => Int, { description: 'Marks these (or, without ids, all) of your notifications read; returns how many changed.' })
  markNotificationsRead(
    @Args('ids', { type: () => [ID], nullable: true }) ids: string[] | null,
    @CurrentUser() viewer: Viewer,
  ): Promise<number> {
    return this.service.markRead(viewer.id, ids);
  }
}
