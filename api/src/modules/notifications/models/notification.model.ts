import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { NotificationType } from '@kinship/shared';
import { Connection } from '../../../graphql/connection';
import { NotificationTypeEnum } from '../../../graphql/enums';
import { NotificationEntity } from '../entities/notification.entity';

@ObjectType()
export class Notification {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationTypeEnum)
  type: NotificationType;

  @Field()
  title: string;

  @Field()
  body: string;

  @Field({ description: 'Where the notification leads, as a path in the web app.' })
  url: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  readAt: Date | null;
}

@ObjectType()
export class NotificationConnection extends Connection(Notification) {}

export function toNotification(entity: NotificationEntity): Notification {
  return {
    id: entity.id,
    type: entity.type,
    title: entity.title,
    body: entity.body,
    url: entity.url,
    createdAt: entity.createdAt,
    readAt: entity.readAt,
  };
}
