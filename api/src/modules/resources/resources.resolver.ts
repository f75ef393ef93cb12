import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RESOURCE_TAGS } from '@kinship/shared';
import { CurrentUser, RequireRole } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { PageArgs } from '../../graphql/connection';
import { defineLoader, GraphQLContext } from '../../graphql/loaders';
import { CreateResourceBoardInput, CreateResourceInput, ResourcesArgs, UpdateResourceInput } from './dto/resource.inputs';
import { ResourceBoardEntity } from './entities/resource-board.entity';
import { ResourceEntity } from './entities/resource.entity';
import { Resource, ResourceBoard, ResourceConnection, toBoard, toResource } from './models/resource.model';
import { ResourcesService } from './resources.service';

const page = async (p: Promise<{ edges: { cursor: string; node: ResourceEntity }[]; pageInfo: ResourceConnection['pageInfo'] }>) => {
  const result = await p;
  return { ...result, edges: result.edges.map((e) => ({ cursor: e.cursor, node: toResource(e.node) as Resource })) };
};

const BOARDS_BY_ID = defineLoader<string, ResourceBoardEntity | null>('resources.boardsById');

@Resolver(() => Resource)
export class ResourcesResolver {
  constructor(private readonly service: ResourcesService) {}

  @Query(() => [ResourceBoard])
  async resourceBoards(): Promise<ResourceBoard[]> {
    return (await this.service.boards()).map(({ board, count }) => toBoard(board, count));
  }

  @RequireRole('ADMIN')
  @Mutation(() => ResourceBoard, { description: 'Admins add a board (position orders the boards).' })
  async createResourceBoard(@Args('input') input: CreateResourceBoardInput): Promise<ResourceBoard> {
    return toBoard(await this.service.createBoard(input), 0);
  }

  @Query(() => [String], { description: 'The managed tags (members may add their own too).' })
  resourceTags(): string[] {
    return [...RESOURCE_TAGS];
  }

  @Query(() => ResourceConnection, { description: 'Approved, unexpired postings, newest first.' })
  resources(@Args() args: ResourcesArgs): Promise<ResourceConnection> {
    return page(this.service.list(args));
  }

  @Query(() => Resource, { nullable: true })
  async resource(@Args('id', { type: () => ID }) id: string, @CurrentUser() viewer: Viewer): Promise<Resource | null> {
    const found = await this.service.find(id, viewer);
    return found && (toResource(found) as Resource);
  }

  @Query(() => ResourceConnection, { description: 'Your bookmarks.' })
  savedResources(@Args() args: PageArgs, @CurrentUser() viewer: Viewer): Promise<ResourceConnection> {
    return page(this.service.saved(args, viewer));
  }

  @Query(() => [Resource], { description: 'Your postings, with their status.' })
  async myResources(@CurrentUser() viewer: Viewer): Promise<Resource[]> {
    return (await this.service.mine(viewer)).map((r) => toResource(r) as Resource);
  }

  @Mutation(() => Resource, { description: 'Staff: live at once; members: PENDING_REVIEW until a moderator approves.' })
  async createResource(@Args('input') input: CreateResourceInput, @CurrentUser() viewer: Viewer): Promise<Resource> {
    return toResource(await this.service.create(input, viewer)) as Resource;
  }

  @Mutation(() => Resource, { description: "The author or staff; a member's edit goes back to review." })
  async updateResource(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateResourceInput,
    @CurrentUser() viewer: Viewer,
  ): Promise<Resource> {
    return toResource(await this.service.update(id, input, viewer)) as Resource;
  }

  @RequireRole('MODERATOR')
  @Mutation(() => Resource)
  async approveResource(@Args('id', { type: () => ID }) id: string, @CurrentUser() viewer: Viewer): Promise<Resource> {
    return toResource(await this.service.approve(id, viewer)) as Resource;
  }

  @Mutation(() => Resource)
  async saveResource(
    @Args('id', { type: () => ID }) id: string,
    @Args('saved') saved: boolean,
    @CurrentUser() viewer: Viewer,
  ): Promise<Resource> {
    return toResource(await this.service.save(id, saved, viewer)) as Resource;
  }

  @Mutation(() => Boolean, { description: 'Three members (or one moderator) send a posting back to review.' })
  async reportOutdated(
    @Args('id', { type: () => ID }) id: string,
    @Args('note', { type: () => String, nullable: true }) note: string | undefined,
    @CurrentUser() viewer: Viewer,
  ): Promise<boolean> {
    await this.service.reportOutdated(id, note ?? undefined, viewer);
    return true;
  }

  @Mutation(() => Resource, { description: 'The author or staff: 30 more days on the board.' })
  async renewResource(@Args('id', { type: () => ID }) id: string, @CurrentUser() viewer: Viewer): Promise<Resource> {
    return toResource(await this.service.renew(id, viewer)) as Resource;
  }

  @ResolveField(() => ResourceBoard)
  async board(@Parent() resource: Resource, @Context() ctx: GraphQLContext): Promise<ResourceBoard> {
    const board = await ctx.loaders.for(BOARDS_BY_ID, (ids) => this.service.boardsByIds(ids)).load(resource.boardId);
    if (!board) throw new Error(`resource ${resource.id} has no board`);
    return toBoard(board, 0);
  }
}
