import { Module } from '@nestjs/common';

/** The plan for hard moments, support people and "Reach out" (My recovery). */
@Module({})
export class SafetyNetModule {}
