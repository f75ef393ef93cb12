import { resolve } from '$app/paths';
import type { Pathname, ResolvedPathname } from '$app/types';

/**
 * A path inside Kinship that arrives as data (a notification's `url`, a pager link built by a
 * load function), resolved like any other link. Anything that is not a local path becomes the
 * home page, so data can never turn a link into a way off the site.
 */
export function localHref(path: string): ResolvedPathname {
  const local = path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
  return resolvePathname((local ? path : '/') as Pathname);
}

/**
 * `resolve` for any pathname. Its own signature spreads the union of every route into a union of
 * argument tuples, which TypeScript gives up on once there are many routes; a path that arrives as data
 * needs no such check.
 */
const resolvePathname = resolve as unknown as (path: Pathname) => ResolvedPathname;

/** `path` (which may carry a query and a hash) with one more query parameter, set or replaced. */
export function withParam(path: string, name: string, value: string): string {
  const url = new URL(path, 'http://kinship.invalid');
  url.searchParams.set(name, value);
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * A form's action: `path` (with its query and hash) posting to the named action, as
 * `/threads/t1?at=21&/flag#post-23`, so a failed try without JavaScript comes back to the same place.
 */
export function withAction(path: string, action: string): string {
  const url = new URL(path, 'http://kinship.invalid');
  return `${url.pathname}${url.search ? `${url.search}&` : '?'}/${action}${url.hash}`;
}
