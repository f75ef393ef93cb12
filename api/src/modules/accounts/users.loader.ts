import { Injectable } from '@nestjs/common';
import { Viewer } from '../../auth/viewer';
import { Loaders } from '../../graphql/loaders';
import { AccountsService } from './accounts.service';
import { toUser, User } from './models/user.model';

/** Resolves user ids through the request's DataLoader; other domains' field resolvers use this. */
@Injectable()
export class UsersLoader {
  constructor(private readonly accounts: AccountsService) {}

  /** Raw rows for other domains' field resolvers (through the same per-request loader). */
  byIds(ids: readonly string[]) {
    return this.accounts.usersByIds(ids);
  }

  async load(loaders: Loaders, id: string, viewer?: Viewer): Promise<User> {
    const user = await loaders.for('usersById', (ids: readonly string[]) => this.accounts.usersByIds(ids)).load(id);
    if (!user) throw new Error(`user ${id} referenced but missing`);
    return toUser(user, user.id === viewer?.id);
  }
}
