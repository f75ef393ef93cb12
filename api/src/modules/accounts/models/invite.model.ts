import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Role } from '@kinship/shared';
import { Connection } from '../../../graphql/connection';
import { RoleEnum } from '../../../graphql/enums';
import { InviteEntity } from '../entities/invite.entity';

export enum InviteStatus {
  ACTIVE = 'ACTIVE',
  USED = 'USED',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(InviteStatus, { name: 'InviteStatus' });

@ObjectType()
export class Invite {
  @Field(() => ID)
  id: string;

  @Field(() => String, {
    nullable: true,
    description: 'The full code, only in the answer to createInvite; it is not stored and cannot be shown again.',
  })
  code: string | null;

  @Field({ description: 'The first characters of the code, to tell invites apart.' })
  codeHint: string;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => RoleEnum)
  role: Role;

  @Field()
  createdAt: Date;

  @Field()
  expiresAt: Date;

  @Field(() => Date, { nullable: true })
  usedAt: Date | null;

  @Field(() => InviteStatus)
  status: InviteStatus;
}

@ObjectType()
export class InviteConnection extends Connection(Invite) {}

export function inviteStatus(entity: InviteEntity, now = new Date()): InviteStatus {
  if (entity.usedAt) return InviteStatus.USED;
  if (entity.revokedAt) return InviteStatus.REVOKED;
  if (entity.expiresAt <= now) return InviteStatus.EXPIRED;
  return InviteStatus.ACTIVE;
}

export function toInvite(entity: InviteEntity, code: string | null = null): Invite {
  return {
    id: entity.id,
    code,
    codeHint: `${entity.codeHint}…`,
    email: entity.email,
    role: entity.role,
    createdAt: entity.createdAt,
    expiresAt: entity.expiresAt,
    usedAt: entity.usedAt,
    status: inviteStatus(entity),
  };
}
