import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Role, SensitiveTopic } from '@kinship/shared';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { displayNameKey } from '../../common/confusables';
import { isUuid, normalizeInviteCode, randomInviteCode, sha256 } from '../../common/crypto';
import { isUniqueViolation } from '../../common/db-errors';
import { RateLimitService } from '../../common/rate-limit.service';
import { inTransaction } from '../../database/transaction';
import { Connection, decodeCursor, PageArgs, pageSize, toConnection } from '../../graphql/connection';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { CreateInviteInput } from './dto/create-invite.input';
import { ChangePasswordInput, ResetPasswordInput } from './dto/password.input';
import { RegisterInput } from './dto/register.input';
import { UpdateProfileInput } from './dto/update-profile.input';
import { InviteEntity } from './entities/invite.entity';
import { UserEntity } from './entities/user.entity';
import { Invite, toInvite } from './models/invite.model';
import { Passwords } from './passwords';
import { issuePasswordReset, passwordResetPath } from './password-resets';
import { PASSWORD_RESET_EMAIL, REGISTRATION_ATTEMPT_EMAIL } from './jobs/accounts.jobs';
import { OutboxService } from '../../queue/outbox.service';
import { deviceHint, SessionsService, suspended } from './sessions.service';

/** Where a sign-in or registration came from: used for rate limits and the device list only. */
export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

/** A new session: the token (shown once), the member, and the viewer the rest of the request reads as. */
export interface SignedIn {
  token: string;
  user: UserEntity;
  viewer: Viewer;
}

/** A spent invite, and (indistinguishably) an invite tried with the email of an existing account. */
const inviteUsed = () => badInput('inviteCode', 'This invite code has already been used. Ask the program team for a new one.');

const WRONG_CREDENTIALS = "That email and password don't match an account. Check them and try again.";

@Injectable()
export class AccountsService {
  private readonly passwords: Passwords;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly rateLimits: RateLimitService,
    private readonly outbox: OutboxService,
  ) {
    this.passwords = new Passwords(config.env === 'test');
  }

  async register(input: RegisterInput, client: ClientInfo): Promise<SignedIn> {
    const email = input.email.toLowerCase();
    await this.rateLimits.consume('auth-ip', client.ip);
    await this.rateLimits.consume('auth-email', email);
    const passwordHash = await this.passwords.hash(input.password);

    try {
      const outcome = await inTransaction(this.dataSource, async (manager) => {
        const invite = await this.lockUsableInvite(manager, input.inviteCode, email);
        // The name first: a taken name then answers alike for every email, known or not.
        await this.assertDisplayNameFree(manager, input.displayName);
        const existing = await manager.findOneBy(UserEntity, { email });
        if (existing) {
          // Saying "this email has an account" would tell anyone with an invite whose email is a
          // member's. The invite is spent instead (one guess per invite, as for any sign-up) and
          // the account's owner hears of it by email.
          await manager.update(InviteEntity, { id: invite.id }, { usedAt: new Date() });
          if (!existing.deletedAt) {
            await this.outbox.enqueue(manager, REGISTRATION_ATTEMPT_EMAIL, { userId: existing.id, inviteId: invite.id });
          }
          return null;
        }

        const user = manager.create(UserEntity, {
          email,
          passwordHash,
          displayName: input.displayName,
          displayNameKey: displayNameKey(input.displayName),
          role: invite.role,
          timeZone: input.timeZone ?? 'UTC',
        });
        await manager.save(user);
        await manager.update(InviteEntity, { id: invite.id }, { usedAt: new Date(), usedById: user.id });
        const { token, sessionId } = await this.sessions.open(manager, user.id, deviceHint(client.userAgent));
        return { token, user, viewer: { id: user.id, role: user.role, sessionId } };
      });
      if (!outcome) throw inviteUsed();
      return outcome;
    } catch (error) {
      // Two registrations racing for the same email: the one that lost hears what a spent invite says.
      if (isUniqueViolation(error, 'users_email_key')) throw inviteUsed();
      if (isUniqueViolation(error, 'users_display_name_lower_key')) throw this.displayNameTaken();
      throw error;
    }
  }

  async login(rawEmail: string, password: string, client: ClientInfo): Promise<SignedIn> {
    const email = rawEmail.trim().toLowerCase();
    if (!email) throw badInput('email', 'Email is required.');
    if (!password) throw badInput('password', 'Password is required.');
    await this.rateLimits.consume('auth-ip', client.ip);
    await this.rateLimits.check('auth-email', email);

    const found = email.length <= 254 ? await this.dataSource.manager.findOneBy(UserEntity, { email }) : null;
    const user = found?.deletedAt ? null : found;
    const ok = user ? await this.passwords.verify(user.passwordHash, password) : await this.passwords.verifyDecoy(password);
    if (!user || !ok) {
      // Only failures count against the address, so a member who types well is never locked out.
      await this.rateLimits.consume('auth-email', email);
      throw unauthenticated(WRONG_CREDENTIALS);
    }
    if (user.suspendedUntil && user.suspendedUntil > new Date()) throw suspended(user.suspendedUntil);
    const { token, sessionId } = await this.sessions.open(this.dataSource.manager, user.id, deviceHint(client.userAgent));
    return { token, user, viewer: { id: user.id, role: user.role, sessionId } };
  }

  /** Checks the member's password (rate-limited like sign-in): for changes that need it again. */
  async confirmPassword(viewer: Viewer, password: string, field: string): Promise<UserEntity> {
    const user = await this.dataSource.manager.findOneByOrFail(UserEntity, { id: viewer.id });
    await this.rateLimits.check('auth-email', user.email);
    if (!password || !(await this.passwords.verify(user.passwordHash, password))) {
      await this.rateLimits.consume('auth-email', user.email);
      throw badInput(field, 'That password is not correct.');
    }
    return user;
  }

  /** A new password signs out every other device; this one stays signed in. */
  async changePassword(viewer: Viewer, input: ChangePasswordInput): Promise<void> {
    await this.confirmPassword(viewer, input.currentPassword, 'currentPassword');
    const passwordHash = await this.passwords.hash(input.newPassword);
    await inTransaction(this.dataSource, async (manager) => {
      await manager.update(UserEntity, { id: viewer.id }, { passwordHash });
      await this.sessions.revokeAll(manager, viewer.id, viewer.sessionId);
      await manager.query(`UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [viewer.id]);
    });
  }

  /**
   * "Forgot password": emails a reset link when the address belongs to a member. The answer is
   * the same either way, so nobody can learn who has an account.
   */
  async requestPasswordReset(rawEmail: string, client: ClientInfo): Promise<void> {
    const email = rawEmail.trim().toLowerCase();
    if (!email) throw badInput('email', 'Email is required.');
    if (!this.config.email) {
      throw forbidden('Email is not set up for this community, so ask an admin of your program for a reset link.');
    }
    await this.rateLimits.consume('auth-ip', client.ip);
    await this.rateLimits.consume('auth-email', email);
    if (email.length > 254) return;
    await inTransaction(this.dataSource, async (manager) => {
      const user = await manager.findOneBy(UserEntity, { email });
      if (user && !user.deletedAt) await this.outbox.enqueue(manager, PASSWORD_RESET_EMAIL, { userId: user.id });
    });
  }

  /** For members without email: an admin makes a link and hands it over privately. */
  async createPasswordResetLink(userId: string, viewer: Viewer): Promise<{ url: string; expiresAt: Date }> {
    const user = await this.findUser(userId);
    if (!user || user.deletedAt) throw notFound('That member');
    const { token, expiresAt } = await issuePasswordReset(this.dataSource.manager, user.id, viewer.id);
    return { url: `${this.config.webOrigin}${passwordResetPath(token)}`, expiresAt };
  }

  /** Uses a reset link once: sets the password and signs out every device. */
  async resetPassword(input: ResetPasswordInput, client: ClientInfo): Promise<void> {
    await this.rateLimits.consume('auth-ip', client.ip);
    const passwordHash = await this.passwords.hash(input.newPassword);
    const invalid = () => badInput('token', 'This reset link has expired or was already used. Ask for a new one.');
    await inTransaction(this.dataSource, async (manager) => {
      const [found]: { user_id: string }[] = await manager.query(`SELECT user_id FROM password_resets WHERE token_hash = $1`, [
        sha256(input.token),
      ]);
      if (!found) throw invalid();
      // The member's row first, in the same order as account deletion, so the two never deadlock.
      const [member]: unknown[] = await manager.query(`SELECT 1 FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`, [
        found.user_id,
      ]);
      if (!member) throw invalid();
      const [, claimed]: [unknown[], number] = await manager.query(
        `UPDATE password_resets SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING id`,
        [sha256(input.token)],
      );
      if (claimed === 0) throw invalid();
      await manager.update(UserEntity, { id: found.user_id }, { passwordHash });
      await this.sessions.revokeAll(manager, found.user_id);
      await manager.query(`UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [found.user_id]);
    });
  }

  async logout(viewer: Viewer): Promise<void> {
    await this.sessions.revoke(viewer.sessionId);
  }

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

  async setRole(userId: string, role: Role, viewer: Viewer): Promise<UserEntity> {
    if (userId === viewer.id) {
      throw forbidden("You can't change your own role. Ask another admin to do it.");
    }
    const user = await this.findUser(userId);
    if (!user) throw notFound('That member');
    user.role = role;
    await this.dataSource.manager.update(UserEntity, { id: user.id }, { role });
    return user;
  }

  async updateProfile(viewer: Viewer, input: UpdateProfileInput): Promise<UserEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const user = await manager.findOneByOrFail(UserEntity, { id: viewer.id });
      if (input.displayName !== undefined && input.displayName !== user.displayName) {
        await this.assertDisplayNameFree(manager, input.displayName, user.id);
      }
      if (input.displayName !== undefined) {
        user.displayName = input.displayName;
        user.displayNameKey = displayNameKey(input.displayName);
      }
      if (input.bio !== undefined) user.bio = input.bio || null;
      if (input.pronouns !== undefined) user.pronouns = input.pronouns || null;
      if (input.timeZone !== undefined) user.timeZone = input.timeZone;
      try {
        await manager.save(user);
      } catch (error) {
        if (isUniqueViolation(error, 'users_display_name_lower_key')) throw this.displayNameTaken();
        throw error;
      }
      return user;
    });
  }

  async setTopicFilters(viewer: Viewer, topics: SensitiveTopic[]): Promise<SensitiveTopic[]> {
    const unique = [...new Set(topics)].sort();
    await this.dataSource.manager.update(UserEntity, { id: viewer.id }, { topicFilters: unique });
    return unique;
  }

  findUser(id: string): Promise<UserEntity | null> {
    return isUuid(id) ? this.dataSource.manager.findOneBy(UserEntity, { id }) : Promise.resolve(null);
  }

  /** For DataLoaders: users in the order of `ids`, null where one is missing. */
  async usersByIds(ids: readonly string[]): Promise<(UserEntity | null)[]> {
    const users = await this.dataSource.manager.findBy(UserEntity, { id: In([...ids]) });
    const byId = new Map(users.map((u) => [u.id, u]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  private async lockUsableInvite(manager: EntityManager, code: string, email: string): Promise<InviteEntity> {
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

  /**
   * Refuses a name an active member has in any case, or one that looks like theirs (same
   * displayNameKey: "Sam М" with a Cyrillic М beside "Sam M"). Claims of one key are serialised
   * for the rest of the transaction, so two look-alikes registering at once cannot both pass.
   */
  private async assertDisplayNameFree(manager: EntityManager, displayName: string, selfId?: string): Promise<void> {
    const key = displayNameKey(displayName);
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('display-name-key'), hashtext($1))`, [key]);
    const rows: { staff: boolean; exact: boolean }[] = await manager.query(
      `SELECT role IN ('MODERATOR', 'ADMIN') AS staff, lower(display_name) = lower($2) AS exact
         FROM users
        WHERE deleted_at IS NULL AND id IS DISTINCT FROM $3::uuid AND (display_name_key = $1 OR lower(display_name) = lower($2))
        ORDER BY staff DESC LIMIT 1`,
      [key, displayName, selfId ?? null],
    );
    const [taken] = rows;
    if (!taken) return;
    if (taken.exact) throw this.displayNameTaken();
    throw conflict(
      taken.staff
        ? "That display name looks too much like a staff member's. Please choose another."
        : "That display name looks too much like another member's. Please choose another.",
      'displayName',
    );
  }

  private displayNameTaken() {
    return conflict('That display name is already taken. Please choose another.', 'displayName');
  }
}
