import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isUuid, normalizeInviteCode, randomInviteCode, sha256 } from '../../common/crypto';
import { Connection, decodeCursor, PageArgs, pageSize, toConnection } from '../../graphql/connection';
import { badInput, conflict, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { CreateInviteInput } from './dto/create-invite.input';
import { InviteEntity } from './entities/invite.entity';
import { Invite, toInvite } from './models/invite.model';

/** A spent invite, and (indistinguishably) an invite tried with the email of an existing account. */
export const inviteUsed = () => badInput('inviteCode', 'This invite code has already been used. Ask the program team for a new one.');

/** Invites: the only way in. Admins create and revoke them; registration spends one. */
@Injectable()
export class InvitesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async createInvite(input: CreateInviteInput, viewer: Viewer): Promise<Invite> {
    const code = randomInviteCode();
    const normalized = normalizeInviteCode(code);
    const invite = this.dataSource.manager.create(InviteEntity, {
      codeHash: sha256(normalized),
      codeHint: normalized.slice(0, 4),
      email: input.email?.toLowerCase() ?? null,
      role: input.role,
      createdById: viewer.id,
      expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
    });
    await this.dataSource.manager.save(invite);
    return toInvite(invite, code);
  }

  async invites(args: PageArgs): Promise<Connection<Invite>> {
    const first = pageSize(args);
    const after = decodeCursor(args.after, ['iso', 'uuid']);
    const rows = await this.dataSource.manager
      .createQueryBuilder(InviteEntity, 'i')
      .where(after ? '(i.created_at, i.id) < (:at, :id)' : 'TRUE', after ? { at: after[0], id: after[1] } : {})
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(first + 1)
      .getMany();
    return toConnection(rows, first, (i) => [i.createdAt.toISOString(), i.id], (i) => toInvite(i));
  }

  async revokeInvite(id: string): Promise<Invite> {
    const invite = isUuid(id) ? await this.dataSource.manager.findOneBy(InviteEntity, { id }) : null;
    if (!invite) throw notFound('That invite');
    if (invite.usedAt) throw conflict('This invite has already been used, so it cannot be revoked.');
    if (!invite.revokedAt) {
      invite.revokedAt = new Date();
      await this.dataSource.manager.save(invite);
    }
    return toInvite(invite);
  }

  /** The invite a registration names, locked for its transaction; refused (naming the field) unless usable by this email. */
  async lockUsable(manager: EntityManager, code: string, email: string): Promise<InviteEntity> {
    const invite = await manager
      .createQueryBuilder(InviteEntity, 'i')
      .setLock('pessimistic_write')
      .where('i.code_hash = :hash', { hash: sha256(normalizeInviteCode(code)) })
      .getOne();
    if (!invite || invite.revokedAt) {
      throw badInput('inviteCode', 'This invite code is not valid. Check it, or ask the program team for a new one.');
    }
    if (invite.usedAt) throw inviteUsed();
    if (invite.expiresAt <= new Date()) {
      throw badInput('inviteCode', 'This invite code has expired. Ask the program team for a new one.');
    }
    if (invite.email && invite.email !== email) {
      throw badInput('email', 'This invite was issued for a different email address.');
    }
    return invite;
  }
}
