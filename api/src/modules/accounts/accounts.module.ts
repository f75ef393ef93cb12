import { Module } from '@nestjs/common';
import { RateLimitService } from '../../common/rate-limit.service';
import { AccountsResolver } from './accounts.resolver';
import { AccountsService } from './accounts.service';
import { SessionsService } from './sessions.service';
import { UsersLoader } from './users.loader';

@Module({
  providers: [AccountsService, SessionsService, RateLimitService, UsersLoader, AccountsResolver],
  exports: [AccountsService, SessionsService, UsersLoader],
})
export class AccountsModule {}
