import DataLoader from 'dataloader';

/**
 * The name of one kind of per-request batch load, typed by its key and value. Each is declared
 * once, next to the one batch function that fills it (a second `defineLoader` with the same name
 * is refused at start-up), so two resolvers can never register different batches for one key.
 */
export interface LoaderKey<K, V> {
  readonly name: string;
  /** Phantom: carries K and V for the type checker. */
  readonly types?: (key: K) => V;
}

const declared = new Set<string>();

export function defineLoader<K, V>(name: string): LoaderKey<K, V> {
  if (declared.has(name)) throw new Error(`DataLoader key "${name}" is declared twice`);
  declared.add(name);
  return Object.freeze({ name });
}

/**
 * Per-request DataLoaders, created lazily by key. A field resolver asks for the loader it needs
 * through the service that owns the data; all loads of one tick become one query.
 */
export class Loaders {
  private readonly loaders = new Map<LoaderKey<unknown, unknown>, DataLoader<unknown, unknown>>();

  for<K, V>(key: LoaderKey<K, V>, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let loader = this.loaders.get(key as LoaderKey<unknown, unknown>) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 });
      this.loaders.set(key as LoaderKey<unknown, unknown>, loader);
    }
    return loader;
  }
}

export interface GraphQLContext {
  req: import('../auth/request').KinshipRequest;
  loaders: Loaders;
}
