import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { PageArgs } from '../../graphql/connection';
import { unauthenticated } from '../../graphql/errors';
import { User } from '../accounts/models/user.model';
import { PostConnection } from './models/post.model';
import { ThreadReadingService } from './thread-reading.service';

/** Discussions' contribution to a member's profile. */
@Resolver(() => User)
export class UserPostsResolver {
  constructor(private readonly reading: ThreadReadingService) {}

  @ResolveField(() => PostConnection, { description: "The member's recent posts, newest first." })
  posts(@Parent() user: User, @Args() args: PageArgs, @CurrentUser() viewer: Viewer | undefined): Promise<PostConnection> {
    // The reader is the request's signed-in viewer (login/register adopt theirs), never `user`.
    if (!viewer) throw unauthenticated();
    return this.reading.postsByAuthor(user.id, args, viewer);
  }
}
