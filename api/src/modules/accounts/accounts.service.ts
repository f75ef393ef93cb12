import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { displayNameKey } from '../../common/confusables';
import { isUuid, sha256 } from '../../common/crypto';
import { isUniqueViolation } from '../../common/db-errors';
import { RateLimitService } from '../../common/rate-limit.service';
import { inTransaction } from '../../database/transaction';
import { badInput, forbidden, notFound, unauthenticated } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { ChangePasswordInput, ResetPasswordInput } from './dto/password.input';
import { RegisterInput } from './dto/register.input';
import { InviteEntity } from './entities/invite.entity';
import { UserEntity } from './entities/user.entity';
import { Passwords } from './passwords';
import { issuePasswordReset, passwordResetPath } from './password-resets';
import { PASSWORD_RESET_EMAIL, REGISTRATION_ATTEMPT_EMAIL } from './jobs/accounts.jobs';
import { OutboxService } from '../../queue/outbox.service';
import { deviceHint, SessionsService, suspended } from './sessions.service';
import { assertDisplayNameFree, displayNameTaken } from './display-names';
import { InvitesService, inviteUsed } from './invites.service';

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
    private readonly invites: InvitesService,
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
        const invite = await this.invites.lockUsable(manager, input.inviteCode, email);
        // The name first: a taken name then answers alike for every email, known or not.
        await assertDisplayNameFree(manager, input.displayName);
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
      if (isUniqueViolation(error, 'users_display_name_lower_key')) throw displayNameTaken();
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

  findUser(id: string): Promise<UserEntity | null> {
    return isUuid(id) ? this.dataSource.manager.findOneBy(UserEntity, { id }) : Promise.resolve(null);
  }

  /** For DataLoaders: users in the order of `ids`, null where one is missing. */
  async usersByIds(ids: readonly string[]): Promise<(UserEntity | null)[]> {
    const users = await this.dataSource.manager.findBy(UserEntity, { id: In([...ids]) });
    const byId = new Map(users.map((u) => [u.id, u]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
