import { Module } from '@nestjs/common';
import { CheckInsModule } from './check-ins/check-ins.module';
import { SafetyNetModule } from './safety-net/safety-net.module';

/**
 * My recovery: the member's private space. Two rooms: check-ins (daily check-ins, the monthly
 * BARC-10, the trend and the gentle reminders) and the safety net (the plan for hard moments,
 * the support people and "Reach out"). Everything here is health data: only its member reads it.
 */
@Module({
  imports: [CheckInsModule, SafetyNetModule],
})
export class RecoveryModule {}
