import { Module } from '@nestjs/common';
import { EmailDeliveryService } from './email-delivery.service';
import { EmailProcessor } from './email.processor';
import { Mailer } from './mailer';
import { AccountEmailsProcessor } from './account-emails.processor';

/** Worker side: email delivery (immediate, quiet hours, digests) and account emails (reset links, sign-up attempts). */
@Module({
  providers: [Mailer, EmailDeliveryService, EmailProcessor, AccountEmailsProcessor],
  exports: [EmailDeliveryService],
})
export class EmailModule {}
