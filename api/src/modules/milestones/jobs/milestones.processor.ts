import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectLogger, Logger } from '../../../common/logger.module';
import { JobRegistry } from '../../../queue/job-registry';
import { MilestonesService } from '../milestones.service';
import { MILESTONES_DAILY } from './milestones.jobs';

@Injectable()
export class MilestonesProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly milestones: MilestonesService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.registry.register(MILESTONES_DAILY, async () => {
      const done = await this.milestones.celebrateToday();
      if (done.celebrations || done.privateNotes) this.logger.info(done, 'milestones celebrated');
    });
  }
}
