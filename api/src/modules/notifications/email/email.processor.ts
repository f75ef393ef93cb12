import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../../../queue/job-registry';
import { DAILY_DIGEST, EMAIL_SWEEP } from '../jobs/notifications.jobs';
import { EmailDeliveryService } from './email-delivery.service';

@Injectable()
export class EmailProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly delivery: EmailDeliveryService,
  ) {}

  onModuleInit(): void {
    this.registry.register(EMAIL_SWEEP, async () => {
      await this.delivery.classify();
      await this.delivery.sendDue();
    });
    this.registry.register(DAILY_DIGEST, async () => void (await this.delivery.sendDigests()));
  }
}
