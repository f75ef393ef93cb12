import { Module } from '@nestjs/common';
import { EmailDeliveryService } from './email-delivery.service';
import { EmailProcessor } from './email.processor';
import { Mailer } from './mailer';
import { PasswordResetEmailProcessor } from './password-reset-email.processor';
import { RegistrationAttemptEmailProcessor } from './registration-attempt-email.processor';

/** Worker side: email delivery (immediate, quiet hours, digests) and password reset links. */
@Module({
  providers: [Mailer, EmailDeliveryService, EmailProcessor, PasswordResetEmailProcessor, RegistrationAttemptEmailProcessor],
  exports: [EmailDeliveryService],
})
export class EmailModule {}
