import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectLogger, Logger } from '../../../common/logger.module';
import { JobRegistry } from '../../../queue/job-registry';
import { PairingsService } from '../pairings.service';
import { MENTOR_CHECK_INS } from './mentors.jobs';

@Injectable()
export class MentorsProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly pairings: PairingsService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.registry.register(MENTOR_CHECK_INS, () => this.checkIns());
  }

  /** Safe to run twice: each pairing is claimed once (check_in_sent_at), each notice keyed. */
  async checkIns(): Promise<void> {
    // A count only: who is paired with whom is nobody else's business.
    const told = await this.pairings.sendCheckIns();
    if (told) this.logger.info({ told }, 'mentor check-ins sent');
  }
}
