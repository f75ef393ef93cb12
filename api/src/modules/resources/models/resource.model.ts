import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ContentStatus } from '@kinship/shared';
import { Connection } from '../../../graphql/connection';
import { ContentStatusEnum } from '../../../graphql/enums';
import { ResourceBoardEntity } from '../entities/resource-board.entity';
import { ResourceEntity } from '../entities/resource.entity';

@ObjectType()
export class ResourceBoard {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => Int, { description: 'Live (approved, unexpired) postings.' })
  count: number;
}

@ObjectType()
export class Resource {
  @Field(() => ID)
  id: string;

  @Field(() => ResourceBoard)
  board: ResourceBoard;

  @Field()
  title: string;

  @Field()
  organization: string;

  @Field()
  description: string;

  @Field()
  descriptionHtml: string;

  @Field(() => String, { nullable: true })
  location: string | null;

  @Field()
  remote: boolean;

  @Field(() => String, { nullable: true })
  url: string | null;

  @Field(() => [String])
  tags: string[];

  @Field(() => String, { nullable: true })
  contact: string | null;

  @Field()
  expiresAt: Date;

  @Field()
  expired: boolean;

  @Field(() => ContentStatusEnum)
  status: ContentStatus;

  @Field()
  createdAt: Date;

  authorId: string;
  boardId: string;
}

@ObjectType()
export class ResourceConnection extends Connection(Resource) {}

export function toResource(entity: ResourceEntity): Omit<Resource, 'board'> {
  return {
    id: entity.id,
    title: entity.title,
    organization: entity.organization,
    description: entity.description,
    descriptionHtml: entity.descriptionHtml,
    location: entity.location,
    remote: entity.remote,
    url: entity.url,
    tags: entity.tags,
    contact: entity.contact,
    expiresAt: entity.expiresAt,
    expired: entity.expiresAt <= new Date(),
    status: entity.status,
    createdAt: entity.createdAt,
    authorId: entity.authorId,
    boardId: entity.boardId,
  };
}

export function toBoard(entity: ResourceBoardEntity, count: number): ResourceBoard {
  return { id: entity.id, name: entity.name, description: entity.description, count };
}
