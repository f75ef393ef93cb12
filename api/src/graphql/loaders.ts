import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created lazily by name. A field resolver asks for the loader it needs
 * with the batch function of the service that owns the data; all loads of one tick become one query.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  for<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | null)[]>): DataLoader<K, V | null> {
    let loader = this.loaders.get(name) as DataLoader<K, V | null> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V | null>(batch, { maxBatchSize: 500 });
      this.loaders.set(name, loader);
    }
    return loader;
  }
}

export interface GraphQLContext {
  req: import('../auth/request').KinshipRequest;
  loaders: Loaders;
}
