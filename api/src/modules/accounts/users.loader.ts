import { Injectable } from '@nestjs/common';
import { Viewer } from '../../auth/viewer';
import { defineLoader, Loaders } from '../../graphql/loaders';
import { UserEntity } from './entities/user.entity';
import { AccountsService } from './accounts.service';
import { toUser, User } from './models/user.model';

const USERS_BY_ID = defineLoader<string, UserEntity | null>('accounts.usersById');

/** Resolves user ids through the request's DataLoader; other domains' field resolvers use this. */
@Injectable()
export class UsersLoader {
  constructor(private readonly accounts: AccountsService) {}

  /** The raw row, for other domains' field resolvers (through the same per-request loader). */
  row(loaders: Loaders, id: string): Promise<UserEntity | null> {
    return loaders.for(USERS_BY_ID, (ids) => this.accounts.usersByIds(ids)).load(id);
  }

  async load(loaders: Loaders, id: string, viewer?: Viewer): Promise<User> {
    const user = await this.row(loaders, id);
    if (!user) throw new Error(`user ${id} referenced but missing`);
    return toUser(user, user.id === viewer?.id);
  }
}
