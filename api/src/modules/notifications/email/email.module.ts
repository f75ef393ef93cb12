import { Module } from '@nestjs/common';
import { EmailDeliveryService } from './email-delivery.service';
import { EmailProcessor } from './email.processor';
import { Mailer } from './mailer';

/** Worker side: email delivery (immediate, quiet hours, digests). */
@Module({ providers: [Mailer, EmailDeliveryService, EmailProcessor], exports: [EmailDeliveryService] })
export class EmailModule {}
