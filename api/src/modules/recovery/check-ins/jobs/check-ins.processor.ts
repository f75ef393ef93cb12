import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectLogger, Logger } from '../../../../common/logger.module';
import { JobRegistry } from '../../../../queue/job-registry';
import { CheckInsService } from '../check-ins.service';
import { CHECK_IN_REMINDERS } from './check-ins.jobs';

@Injectable()
export class CheckInsProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly checkIns: CheckInsService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.registry.register(CHECK_IN_REMINDERS, async () => {
      // A count only: who was reminded is nobody's business but theirs.
      const reminded = await this.checkIns.sendReminders();
      if (reminded) this.logger.info({ reminded }, 'check-in reminders sent');
    });
  }
}
