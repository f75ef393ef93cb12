import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/config';
import { JobRegistry } from '../../../queue/job-registry';
import { REGISTRATION_ATTEMPT_EMAIL } from '../../accounts/jobs/accounts.jobs';
import { composeAccountEmail, Mailer } from './mailer';

/**
 * Tells a member that an invite was used to register with their email. The person registering was
 * told only that the invite is spent, so nobody learns from the answer whose email has an account.
 */
@Injectable()
export class RegistrationAttemptEmailProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly mailer: Mailer,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(REGISTRATION_ATTEMPT_EMAIL, async ({ userId }) => {
      if (!this.mailer.enabled) return;
      const [user]: { email: string }[] = await this.dataSource.query(
        `SELECT email FROM users WHERE id = $1 AND deleted_at IS NULL`,
        [userId],
      );
      if (!user) return;
      await this.mailer.send({
        to: user.email,
        subject: 'Someone tried to register with your email',
        ...composeAccountEmail({
          lines: [
            'An invite code was just used to create a Kinship account with this email address, which already has one.',
            'If that was you, sign in instead (the link below also lets you reset your password). The invite code cannot be used again; ask the program team for a new one if someone else needs it.',
          ],
          link: `${this.config.webOrigin}/signin`,
          linkText: 'Sign in to Kinship',
          note: "If it wasn't you, nothing changed: your account and password are as they were.",
        }),
      });
    });
  }
}
