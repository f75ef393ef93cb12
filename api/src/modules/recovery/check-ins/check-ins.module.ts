import { Module } from '@nestjs/common';

/** Daily check-ins, the monthly BARC-10 and the trend (My recovery). */
@Module({})
export class CheckInsModule {}
