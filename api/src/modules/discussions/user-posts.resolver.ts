import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { PageArgs } from '../../graphql/connection';
import { unauthenticated } from '../../graphql/errors';
import { User } from '../accounts/models/user.model';
import { DiscussionsService } from './discussions.service';
import { PostConnection } from './models/post.model';

/** Discussions' contribution to a member's profile. */
@Resolver(() => User)
export class UserPostsResolver {
  constructor(private readonly discussions: DiscussionsService) {}

  @ResolveField(() => PostConnection, { description: "The member's recent posts, newest first." })
  posts(@Parent() user: User, @Args() args: PageArgs, @CurrentUser() viewer: Viewer | undefined): Promise<PostConnection> {
    // The reader is the request's signed-in viewer (login/register adopt theirs), never `user`.
    if (!viewer) throw unauthenticated();
    return this.discussions.postsByAuthor(user.id, args, viewer);
  }
}
