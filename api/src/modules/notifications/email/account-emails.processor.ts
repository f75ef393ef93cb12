import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/config';
import { JobRegistry } from '../../../queue/job-registry';
import { PASSWORD_RESET_EMAIL, REGISTRATION_ATTEMPT_EMAIL } from '../../accounts/jobs/accounts.jobs';
import { issuePasswordReset, passwordResetPath } from '../../accounts/password-resets';
import { composeAccountEmail, Mailer } from './mailer';

/**
 * Emails about the account itself, sent whatever the member's notification settings: a reset link
 * they asked for, and word that someone tried to register with their email.
 */
@Injectable()
export class AccountEmailsProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly mailer: Mailer,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(PASSWORD_RESET_EMAIL, ({ userId }) => this.passwordReset(userId));
    this.registry.register(REGISTRATION_ATTEMPT_EMAIL, ({ userId }) => this.registrationAttempt(userId));
  }

  /** The token is made here, at sending time, so it exists only in the email; a retry makes a fresh one. */
  private async passwordReset(userId: string): Promise<void> {
    const email = await this.activeEmail(userId);
    if (!email) return;
    const { token } = await issuePasswordReset(this.dataSource.manager, userId, null);
    await this.mailer.send({
      to: email,
      subject: 'Reset your Kinship password',
      ...composeAccountEmail({
        lines: [
          'Someone (we hope you) asked to reset the password of your Kinship account.',
          'This link lets you choose a new one. It works once, within an hour.',
        ],
        link: `${this.config.webOrigin}${passwordResetPath(token)}`,
        linkText: 'Choose a new password',
        note: "If you didn't ask, you can ignore this email: your password stays as it is.",
      }),
    });
  }

  /** The person registering was told only that the invite is spent, so nobody learns whose email has an account. */
  private async registrationAttempt(userId: string): Promise<void> {
    const email = await this.activeEmail(userId);
    if (!email) return;
    await this.mailer.send({
      to: email,
      subject: 'Someone tried to register with your email',
      ...composeAccountEmail({
        lines: [
          'An invite code was just used to create a Kinship account with this email address, which already has one.',
          'If that was you, sign in instead (the sign-in page also lets you reset your password). The invite code cannot be used again; ask the program team for a new one if someone else needs it.',
        ],
        link: `${this.config.webOrigin}/signin`,
        linkText: 'Sign in to Kinship',
        note: "If it wasn't you, nothing changed: your account and password are as they were.",
      }),
    });
  }

  /** The member's address while email is on and they have not left; null otherwise (nothing to send). */
  private async activeEmail(userId: string): Promise<string | null> {
    if (!this.mailer.enabled) return null;
    const [user]: { email: string }[] = await this.dataSource.query(`SELECT email FROM users WHERE id = $1 AND deleted_at IS NULL`, [userId]);
    return user?.email ?? null;
  }
}
