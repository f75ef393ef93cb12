import { Module } from '@nestjs/common';
import { SESSION_LOOKUP } from '../../auth/session.guard';
import { RateLimitService } from '../../common/rate-limit.service';
import { AccountsResolver } from './accounts.resolver';
import { AccountsService } from './accounts.service';
import { InvitesService } from './invites.service';
import { ProfilesService } from './profiles.service';
import { BlocksService } from './blocks.service';
import { SessionsService } from './sessions.service';
import { UsersLoader } from './users.loader';

@Module({
  providers: [
    AccountsService,
    InvitesService,
    ProfilesService,
    BlocksService,
    SessionsService,
    { provide: SESSION_LOOKUP, useExisting: SessionsService },
    RateLimitService,
    UsersLoader,
    AccountsResolver,
  ],
  exports: [AccountsService, BlocksService, SessionsService, SESSION_LOOKUP, UsersLoader, RateLimitService],
})
export class AccountsModule {}
