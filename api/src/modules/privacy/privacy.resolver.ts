import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { PrivacyService } from './privacy.service';

@Resolver()
export class PrivacyResolver {
  constructor(private readonly privacy: PrivacyService) {}

  @Mutation(() => String, {
    description:
      'One JSON document with everything held about you. Other members appear by display name only; no token material.',
  })
  exportMyData(@CurrentUser() viewer: Viewer): Promise<string> {
    return this.privacy.exportMyData(viewer);
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes your account at once and for good. keepPosts: true keeps your posts as "Former member"; false removes their text.',
  })
  async deleteMyAccount(
    @Args('password') password: string,
    @Args('keepPosts') keepPosts: boolean,
    @CurrentUser() viewer: Viewer,
  ): Promise<boolean> {
    await this.privacy.deleteMyAccount(viewer, password, keepPosts);
    return true;
  }
}
