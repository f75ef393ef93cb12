import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Role, SensitiveTopic } from '@kinship/shared';
import { AdoptViewer, Client, CurrentUser, Public, RequireRole } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { PageArgs } from '../../graphql/connection';
import { RoleEnum, SensitiveTopicEnum } from '../../graphql/enums';
import { AccountsService, ClientInfo } from './accounts.service';
import { InvitesService } from './invites.service';
import { ProfilesService } from './profiles.service';
import { BlocksService } from './blocks.service';
import { CreateInviteInput } from './dto/create-invite.input';
import { ChangePasswordInput, ResetPasswordInput } from './dto/password.input';
import { RegisterInput } from './dto/register.input';
import { UpdateProfileInput } from './dto/update-profile.input';
import { AuthPayload } from './models/auth-payload.model';
import { Invite, InviteConnection } from './models/invite.model';
import { PasswordResetLink, Session } from './models/session.model';
import { toUser, User } from './models/user.model';
import { SessionsService } from './sessions.service';

@Resolver(() => User)
export class AccountsResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly invitesService: InvitesService,
    private readonly profiles: ProfilesService,
    private readonly blocks: BlocksService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
  async register(
    @Args('input') input: RegisterInput,
    @Client() client: ClientInfo,
    @AdoptViewer() adopt: (viewer: Viewer) => void,
  ): Promise<AuthPayload> {
    const { token, user, viewer } = await this.accounts.register(input, client);
    adopt(viewer);
    return { token, user: toUser(user, true) };
  }

  @Public()
  @Mutation(() => AuthPayload)
  async login(
    @Args('email') email: string,
    @Args('password') password: string,
    @Client() client: ClientInfo,
    @AdoptViewer() adopt: (viewer: Viewer) => void,
  ): Promise<AuthPayload> {
    const { token, user, viewer } = await this.accounts.login(email, password, client);
    adopt(viewer);
    return { token, user: toUser(user, true) };
  }

  @Mutation(() => Boolean, { description: 'Revokes the current session token.' })
  async logout(@CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.accounts.logout(viewer);
    return true;
  }

  @Query(() => [Session], { description: 'Devices signed in to your account, most recently used first.' })
  mySessions(@CurrentUser() viewer: Viewer): Promise<Session[]> {
    return this.sessions.list(viewer);
  }

  @Mutation(() => Boolean, { description: 'Signs out one of your devices.' })
  async revokeSession(@Args('id', { type: () => ID }) id: string, @CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.sessions.revokeOwn(viewer, id);
    return true;
  }

  @Mutation(() => Int, { description: 'Signs out every device, this one included. Returns how many.' })
  signOutEverywhere(@CurrentUser() viewer: Viewer): Promise<number> {
    return this.sessions.revokeAll(null, viewer.id);
  }

  @Mutation(() => Boolean, { description: 'Every other device is signed out; this one stays signed in.' })
  async changePassword(@Args('input') input: ChangePasswordInput, @CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.accounts.changePassword(viewer, input);
    return true;
  }

  @Public()
  @Query(() => Boolean, { description: 'Whether "forgot password" can email a link; if not, an admin issues one.' })
  passwordResetByEmail(): boolean {
    return this.config.email !== null;
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'Emails a reset link if the address belongs to a member. Always true, so nobody learns who is a member.',
  })
  async requestPasswordReset(@Args('email') email: string, @Client() client: ClientInfo): Promise<boolean> {
    await this.accounts.requestPasswordReset(email, client);
    return true;
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Uses a reset link once; every device is signed out.' })
  async resetPassword(@Args('input') input: ResetPasswordInput, @Client() client: ClientInfo): Promise<boolean> {
    await this.accounts.resetPassword(input, client);
    return true;
  }

  @RequireRole('ADMIN')
  @Mutation(() => PasswordResetLink, { description: 'A single-use link, valid an hour, for a member without email (admin).' })
  createPasswordResetLink(
    @Args('userId', { type: () => ID }) userId: string,
    @CurrentUser() viewer: Viewer,
  ): Promise<PasswordResetLink> {
    return this.accounts.createPasswordResetLink(userId, viewer);
  }

  @RequireRole('ADMIN')
  @Mutation(() => Invite)
  createInvite(@Args('input') input: CreateInviteInput, @CurrentUser() viewer: Viewer): Promise<Invite> {
    return this.invitesService.createInvite(input, viewer);
  }

  @RequireRole('ADMIN')
  @Query(() => InviteConnection, { description: 'Invites, newest first (admin).' })
  invites(@Args() args: PageArgs): Promise<InviteConnection> {
    return this.invitesService.invites(args);
  }

  @RequireRole('ADMIN')
  @Mutation(() => Invite, { description: 'Withdraws an unused invite (admin).' })
  revokeInvite(@Args('id', { type: () => ID }) id: string): Promise<Invite> {
    return this.invitesService.revokeInvite(id);
  }

  @RequireRole('ADMIN')
  @Mutation(() => User)
  async setRole(
    @Args('userId', { type: () => ID }) userId: string,
    @Args('role', { type: () => RoleEnum }) role: Role,
    @CurrentUser() viewer: Viewer,
  ): Promise<User> {
    return toUser(await this.profiles.setRole(userId, role, viewer), false);
  }

  @Mutation(() => [SensitiveTopicEnum], { description: 'Posts carrying these topics arrive collapsed for you.' })
  setTopicFilters(
    @Args('topics', { type: () => [SensitiveTopicEnum] }) topics: SensitiveTopic[],
    @CurrentUser() viewer: Viewer,
  ): Promise<SensitiveTopic[]> {
    return this.profiles.setTopicFilters(viewer, topics);
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
    return toUser(await this.profiles.updateProfile(viewer, input), true);
  }
}
