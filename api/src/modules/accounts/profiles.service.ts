import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role, SensitiveTopic } from '@kinship/shared';
import { displayNameKey } from '../../common/confusables';
import { isUuid } from '../../common/crypto';
import { isUniqueViolation } from '../../common/db-errors';
import { inTransaction } from '../../database/transaction';
import { forbidden, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { assertDisplayNameFree, displayNameTaken } from './display-names';
import { UpdateProfileInput } from './dto/update-profile.input';
import { UserEntity } from './entities/user.entity';

/** A member's profile and settings, and the role an admin gives them. */
@Injectable()
export class ProfilesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async setRole(userId: string, role: Role, viewer: Viewer): Promise<UserEntity> {
    if (userId === viewer.id) {
      throw forbidden("You can't change your own role. Ask another admin to do it.");
    }
    const user = isUuid(userId) ? await this.dataSource.manager.findOneBy(UserEntity, { id: userId }) : null;
    if (!user) throw notFound('That member');
    user.role = role;
    await this.dataSource.manager.update(UserEntity, { id: user.id }, { role });
    return user;
  }

  async updateProfile(viewer: Viewer, input: UpdateProfileInput): Promise<UserEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const user = await manager.findOneByOrFail(UserEntity, { id: viewer.id });
      if (input.displayName !== undefined && input.displayName !== user.displayName) {
        await assertDisplayNameFree(manager, input.displayName, user.id);
      }
      if (input.displayName !== undefined) {
        user.displayName = input.displayName;
        user.displayNameKey = displayNameKey(input.displayName);
      }
      if (input.bio !== undefined) user.bio = input.bio || null;
      if (input.pronouns !== undefined) user.pronouns = input.pronouns || null;
      if (input.timeZone !== undefined) user.timeZone = input.timeZone;
      try {
        await manager.save(user);
      } catch (error) {
        if (isUniqueViolation(error, 'users_display_name_lower_key')) throw displayNameTaken();
        throw error;
      }
      return user;
    });
  }

  async setTopicFilters(viewer: Viewer, topics: SensitiveTopic[]): Promise<SensitiveTopic[]> {
    const unique = [...new Set(topics)].sort();
    await this.dataSource.manager.update(UserEntity, { id: viewer.id }, { topicFilters: unique });
    return unique;
  }
}
