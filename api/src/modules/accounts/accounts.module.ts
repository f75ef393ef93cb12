import { Module } from '@nestjs/common';
import { RateLimitService } from '../../common/rate-limit.service';
import { AccountsResolver } from './accounts.resolver';
import { AccountsService } from './accounts.service';
import { BlocksService } from './blocks.service';
import { SessionsService } from './sessions.service';
import { UsersLoader } from './users.loader';

@Module({
  providers: [AccountsService, BlocksService, SessionsService, RateLimitService, UsersLoader, AccountsResolver],
  exports: [AccountsService, BlocksService, SessionsService, UsersLoader, RateLimitService],
})
export class AccountsModule {}
