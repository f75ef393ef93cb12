import { Injectable } from '@nestjs/common';
import type { SensitiveTopic } from '@kinship/shared';
import { Viewer } from '../../auth/viewer';
import { defineLoader, Loaders } from '../../graphql/loaders';
import { AccountsService } from '../accounts/accounts.service';
import { BlocksService } from '../accounts/blocks.service';

/** What the viewer's own settings say about how posts look to them; loaded once per request. */
export interface ViewerContext {
  topicFilters: Set<SensitiveTopic>;
  /** Members on the other side of a block, either way. */
  separated: Set<string>;
}

const VIEWER_CONTEXT = defineLoader<string, ViewerContext>('discussions.viewerContext');

@Injectable()
export class ViewerContextLoader {
  constructor(
    private readonly accounts: AccountsService,
    private readonly blocks: BlocksService,
  ) {}

  load(loaders: Loaders, viewer: Viewer): Promise<ViewerContext> {
    return loaders
      .for(VIEWER_CONTEXT, (ids) =>
        Promise.all(
          ids.map(async (id) => {
            const [user, separated] = await Promise.all([this.accounts.findUser(id), this.blocks.separatedFrom(id)]);
            return { topicFilters: new Set(user?.topicFilters ?? []), separated };
          }),
        ),
      )
      .load(viewer.id);
  }
}
