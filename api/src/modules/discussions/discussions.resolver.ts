import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { ReactionKind } from '@kinship/shared';
import { CurrentUser, RequireRole } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { ReactionKindEnum } from '../../graphql/enums';
import { CategoriesService } from './categories.service';
import { DraftsService } from './drafts.service';
import { CreateCategoryInput } from './dto/create-category.input';
import { CreateThreadInput } from './dto/create-thread.input';
import { SaveDraftInput } from './dto/draft.input';
import { EditPostArgs } from './dto/edit-post.args';
import { ReplyInput } from './dto/reply.input';
import { SearchArgs } from './dto/search.args';
import { ThreadsArgs } from './dto/threads.args';
import { Category, toCategory } from './models/category.model';
import { Draft, toDraft } from './models/draft.model';
import { PostResult } from './models/post-result.model';
import { Post, PostConnection, toPost } from './models/post.model';
import { Thread, ThreadConnection, toThread } from './models/thread.model';
import { PostingService } from './posting.service';
import { SearchService } from './search.service';
import { ThreadActivityService } from './thread-activity.service';
import { ThreadReadingService } from './thread-reading.service';

@Resolver()
export class DiscussionsResolver {
  constructor(
    private readonly categoriesService: CategoriesService,
    private readonly reading: ThreadReadingService,
    private readonly posting: PostingService,
    private readonly activity: ThreadActivityService,
    private readonly searchService: SearchService,
    private readonly drafts: DraftsService,
  ) {}

  @Query(() => [Category])
  async categories(): Promise<Category[]> {
    return (await this.categoriesService.categories()).map(toCategory);
  }

  @RequireRole('ADMIN')
  @Mutation(() => Category)
  async createCategory(@Args('input') input: CreateCategoryInput): Promise<Category> {
    return toCategory(await this.categoriesService.createCategory(input));
  }

  @Query(() => ThreadConnection, { description: 'Pinned first, then latest activity.' })
  threads(@Args() args: ThreadsArgs, @CurrentUser() viewer: Viewer): Promise<ThreadConnection> {
    return this.reading.threads(args, viewer);
  }

  @Query(() => Thread, { nullable: true })
  async thread(@Args('id', { type: () => ID }) id: string, @CurrentUser() viewer: Viewer): Promise<Thread | null> {
    const thread = await this.reading.visibleThread(id, viewer);
    return thread && toThread(thread);
  }

  @Query(() => PostConnection, { description: 'Full-text search over titles and posts, best matches first.' })
  search(@Args() args: SearchArgs, @CurrentUser() viewer: Viewer): Promise<PostConnection> {
    return this.searchService.search(args, viewer);
  }

  @Mutation(() => PostResult)
  async createThread(@Args('input') input: CreateThreadInput, @CurrentUser() viewer: Viewer): Promise<PostResult> {
    const { post, safetyResources } = await this.posting.createThread(input, viewer);
    return { post: toPost(post), safetyResources };
  }

  @Mutation(() => PostResult)
  async reply(@Args('input') input: ReplyInput, @CurrentUser() viewer: Viewer): Promise<PostResult> {
    const { post, safetyResources } = await this.posting.reply(input, viewer);
    return { post: toPost(post), safetyResources };
  }

  @Mutation(() => Post, { description: 'The author, within 30 days (24 hours in their first week).' })
  async editPost(@Args() args: EditPostArgs, @CurrentUser() viewer: Viewer): Promise<Post> {
    return toPost(await this.posting.editPost(args, viewer));
  }

  @Mutation(() => Boolean, { description: 'The author deletes their post; it keeps its place, shown as deleted.' })
  async deletePost(@Args('id', { type: () => ID }) id: string, @CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.posting.deletePost(id, viewer);
    return true;
  }

  @Mutation(() => Post, { description: 'Idempotent.' })
  async react(
    @Args('postId', { type: () => ID }) postId: string,
    @Args('kind', { type: () => ReactionKindEnum }) kind: ReactionKind,
    @CurrentUser() viewer: Viewer,
  ): Promise<Post> {
    return toPost(await this.activity.react(postId, kind, viewer));
  }

  @Mutation(() => Post)
  async unreact(
    @Args('postId', { type: () => ID }) postId: string,
    @Args('kind', { type: () => ReactionKindEnum }) kind: ReactionKind,
    @CurrentUser() viewer: Viewer,
  ): Promise<Post> {
    return toPost(await this.activity.unreact(postId, kind, viewer));
  }

  @Mutation(() => Thread, { description: 'Watchers are notified of every reply.' })
  async watchThread(
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('watching') watching: boolean,
    @CurrentUser() viewer: Viewer,
  ): Promise<Thread> {
    return toThread(await this.activity.watchThread(threadId, watching, viewer));
  }

  @RequireRole('MODERATOR')
  @Mutation(() => Thread, { description: 'Moderators: pinned threads are listed first.' })
  async pinThread(
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('pinned') pinned: boolean,
    @CurrentUser() viewer: Viewer,
  ): Promise<Thread> {
    return toThread(await this.activity.setThreadSwitch(threadId, 'pinned', pinned, viewer));
  }

  @RequireRole('MODERATOR')
  @Mutation(() => Thread, { description: 'Moderators: a locked thread takes no new replies.' })
  async lockThread(
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('locked') locked: boolean,
    @CurrentUser() viewer: Viewer,
  ): Promise<Thread> {
    return toThread(await this.activity.setThreadSwitch(threadId, 'locked', locked, viewer));
  }

  @Query(() => Draft, { nullable: true, description: 'Your saved draft for "new-thread" or "thread:<id>".' })
  async draft(@Args('key') key: string, @CurrentUser() viewer: Viewer): Promise<Draft | null> {
    const draft = await this.drafts.find(viewer, key);
    return draft && toDraft(draft);
  }

  @Mutation(() => Draft, { nullable: true, description: 'Saves a draft; an empty one is discarded (returns null).' })
  async saveDraft(@Args('input') input: SaveDraftInput, @CurrentUser() viewer: Viewer): Promise<Draft | null> {
    const draft = await this.drafts.save(viewer, input);
    return draft && toDraft(draft);
  }

  @Mutation(() => Boolean)
  async discardDraft(@Args('key') key: string, @CurrentUser() viewer: Viewer): Promise<boolean> {
    await this.drafts.discard(viewer, key);
    return true;
  }
}
