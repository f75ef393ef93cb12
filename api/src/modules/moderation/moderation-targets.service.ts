import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ContentStatus } from '@kinship/shared';
import { isUuid } from '../../common/crypto';
import { DomainError, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { UserEntity } from '../accounts/entities/user.entity';
import { PostEntity } from '../discussions/entities/post.entity';
import { PostingService } from '../discussions/posting.service';
import { ThreadReadingService } from '../discussions/thread-reading.service';
import { EventEntity } from '../events/entities/event.entity';
import { EventListingService } from '../events/event-listing.service';
import { EventSeriesService } from '../events/event-series.service';
import { ResourceEntity } from '../resources/entities/resource.entity';
import { ResourcesService } from '../resources/resources.service';
import { TargetType } from '../screening/entities/flag-case.entity';
import { ConversationReportsService } from '../conversations/conversation-reports.service';
import { MessageEntity } from '../conversations/entities/message.entity';
import { MessagingService } from '../conversations/messaging.service';

/** What a flag, case or appeal is about: a post, event, resource, member, message or reported conversation, with its status. */
export interface Target {
  type: TargetType;
  id: string;
  authorId: string | null;
  /** The moderatable status of posts, events and resources (members have none). */
  status?: ContentStatus;
  content?: string;
  post?: PostEntity;
  event?: EventEntity;
  resource?: ResourceEntity;
  message?: MessageEntity;
  /** A reported conversation: the messages its reports name (what HIDE or REMOVE takes down). */
  reportedMessageIds?: string[];
}

/** Finds the item a moderation step is about, and changes its status through the domain that owns it. */
@Injectable()
export class ModerationTargets {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly threadReading: ThreadReadingService,
    private readonly posting: PostingService,
    private readonly eventListing: EventListingService,
    private readonly eventSeries: EventSeriesService,
    private readonly resources: ResourcesService,
    private readonly messageReports: ConversationReportsService,
    private readonly messaging: MessagingService,
  ) {}

  async find(type: TargetType, id: string, viewer: Viewer): Promise<Target> {
    switch (type) {
      case 'POST': {
        const post = await this.threadReading.visiblePost(id, viewer);
        return { type, id: post.id, authorId: post.authorId, post, status: post.status, content: post.body };
      }
      case 'USER': {
        const user = isUuid(id) ? await this.dataSource.manager.findOneBy(UserEntity, { id }) : null;
        if (!user) throw notFound('That member');
        return { type, id: user.id, authorId: user.id };
      }
      case 'EVENT': {
        const event = await this.eventListing.find(id, viewer);
        if (!event) throw notFound('That event');
        return { type, id: event.id, authorId: event.organizerId, event, status: event.status, content: event.title };
      }
      case 'RESOURCE': {
        const resource = await this.resources.find(id, viewer);
        if (!resource) throw notFound('That resource');
        return { type, id: resource.id, authorId: resource.authorId, resource, status: resource.status, content: resource.title };
      }
      // A private message only when a case is about it; its words stay out of the moderation log.
      case 'MESSAGE': {
        const message = await this.messageReports.messageForCase(id);
        if (!message) throw notFound('That message');
        return { type, id: message.id, authorId: message.authorId, message, status: message.status };
      }
      case 'CONVERSATION': {
        const reported = await this.messageReports.reportedConversation(id);
        if (!reported) throw notFound('That conversation');
        return { type, id, authorId: reported.authorId, status: reported.status, reportedMessageIds: reported.messageIds };
      }
    }
  }

  /** As `find`, or null when the item is gone (deleted with its author's account, say). */
  async findIfPresent(type: TargetType, id: string, viewer: Viewer): Promise<Target | null> {
    try {
      return await this.find(type, id, viewer);
    } catch (error) {
      if (error instanceof DomainError && error.extensions.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  /** Changes a post's or event's status; content going live announces itself (idempotent per recipient). */
  async applyStatus(manager: EntityManager, target: Target, status: ContentStatus): Promise<void> {
    if (target.post) {
      await manager.update(PostEntity, { id: target.id }, { status });
      if (status === 'VISIBLE') await this.posting.queueNotifications(manager, target.post);
    }
    if (target.event) await this.eventSeries.setStatus(manager, target.event, status);
    if (target.resource) await this.resources.setStatus(manager, target.resource, status);
    if (target.message) await this.messaging.setStatus(manager, target.message, status === 'HIDDEN' ? 'REMOVED' : status);
    if (target.reportedMessageIds) {
      await this.messaging.setStatusOfReported(manager, target.reportedMessageIds, status === 'VISIBLE' ? 'VISIBLE' : 'REMOVED');
    }
  }
}
