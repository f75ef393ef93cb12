import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Role, SensitiveTopic } from '@kinship/shared';
import { Client, CurrentUser, Public, RequireRole } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { PageArgs } from '../../graphql/connection';
import { RoleEnum, SensitiveTopicEnum } from '../../graphql/enums';
import { AccountsService, ClientInfo } from './accounts.service';
import { BlocksService } from './blocks.service';
import { CreateInviteInput } from './dto/create-invite.input';
import { RegisterInput } from './dto/register.input';
import { UpdateProfileInput } from './dto/update-profile.input';
import { AuthPayload } from './models/auth-payload.model';
import { Invite, InviteConnection } from './models/invite.model';
import { toUser, User } from './models/user.model';

@Resolver(() => User)
export class AccountsResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly blocks: BlocksService,
  ) {}

  @Public()
  @Query(() => User, { nullable: true, description: 'The signed-in member; null when signed out.' })
  async me(@CurrentUser() viewer: Viewer | undefined): Promise<User | null> {
    if (!viewer) return null;
    const user = await this.accounts.findUser(viewer.id);
    return user && toUser(user, true);
  }

  @Query(() => User, { nullable: true })
  async user(@Args('id', { type: () => ID }) id: string, @CurrentUser() viewer: Viewer): Promise<User | null> {
    const user = await this.accounts.findUser(id);
    return user && toUser(user, user.id === viewer.id);
  }

  @Public()
  @Mutation(() => AuthPayload)
  async register(@Args('input') input: RegisterInput, @Client() client: ClientInfo): Promise<AuthPayload> {
    const { token, user } = await this.accounts.register(input, client);
    return { token, user: toUser(user, true) };
  }

  @Public()
  @Mutation(() => AuthPayload)
  async login(
    @Args('email') email: string,
    @Args('password') password: string,
    @Client() client: ClientInfo,
  ): Promise<AuthPayload> {
    const { token, user } = await this.accounts.login(email, password, client);
    return { token, user: toUser(user, true) };
  }

  @Mutation(() => Boolean, { description: 'Revokes the current session token.' })
  async logout(@CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.accounts.logout(viewer);
    return true;
  }

  @RequireRole('ADMIN')
  @Mutation(() => Invite)
  createInvite(@Args('input') input: CreateInviteInput, @CurrentUser() viewer: Viewer): Promise<Invite> {
    return this.accounts.createInvite(input, viewer);
  }

  @RequireRole('ADMIN')
  @Query(() => InviteConnection, { description: 'Invites, newest first (admin).' })
  invites(@Args() args: PageArgs): Promise<InviteConnection> {
    return this.accounts.invites(args);
  }

  @RequireRole('ADMIN')
  @Mutation(() => Invite, { description: 'Withdraws an unused invite (admin).' })
  revokeInvite(@Args('id', { type: () => ID }) id: string): Promise<Invite> {
    return this.accounts.revokeInvite(id);
  }

  @RequireRole('ADMIN')
  @Mutation(() => User)
  async setRole(
    @Args('userId', { type: () => ID }) userId: string,
    @Args('role', { type: () => RoleEnum }) role: Role,
    @CurrentUser() viewer: Viewer,
  ): Promise<User> {
    return toUser(await this.accounts.setRole(userId, role, viewer), false);
  }

  @Mutation(() => [SensitiveTopicEnum], { description: 'Posts carrying these topics arrive collapsed for you.' })
  setTopicFilters(
    @Args('topics', { type: () => [SensitiveTopicEnum] }) topics: SensitiveTopic[],
    @CurrentUser() viewer: Viewer,
  ): Promise<SensitiveTopic[]> {
    return this.accounts.setTopicFilters(viewer, topics);
  }

  @Mutation(() => Boolean, { description: "Neither of you will see the other's posts, mentions or notifications." })
  async blockUser(@Args('userId', { type: () => ID }) userId: string, @CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.blocks.block(viewer.id, userId);
    return true;
  }

  @Mutation(() => Boolean)
  async unblockUser(@Args('userId', { type: () => ID }) userId: string, @CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.blocks.unblock(viewer.id, userId);
    return true;
  }

  @Query(() => [User], { description: 'Members you have blocked, most recent first.' })
  async blockedUsers(@CurrentUser() viewer: Viewer): Promise<User[]> {
    return (await this.blocks.blockedBy(viewer.id)).map((u) => toUser(u, false));
  }

  @Mutation(() => User)
  async updateProfile(@Args('input') input: UpdateProfileInput, @CurrentUser() viewer: Viewer): Promise<User> {
    return toUser(await this.accounts.updateProfile(viewer, input), true);
  }
}
