import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/config';
import { JobRegistry } from '../../../queue/job-registry';
import { PASSWORD_RESET_EMAIL } from '../../accounts/jobs/accounts.jobs';
import { issuePasswordReset, passwordResetPath } from '../../accounts/password-resets';
import { composeAccountEmail, Mailer } from './mailer';

/**
 * Sends the reset link a member asked for. The token is made here, at sending time, so it
 * exists only in the email; a retry after a failed send makes a fresh one.
 */
@Injectable()
export class PasswordResetEmailProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly mailer: Mailer,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(PASSWORD_RESET_EMAIL, async ({ userId }) => {
      if (!this.mailer.enabled) return;
      const [user]: { email: string }[] = await this.dataSource.query(
        `SELECT email FROM users WHERE id = $1 AND deleted_at IS NULL`,
        [userId],
      );
      if (!user) return;
      const { token } = await issuePasswordReset(this.dataSource.manager, userId, null);
      await this.mailer.send({
        to: user.email,
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
    });
  }
}
