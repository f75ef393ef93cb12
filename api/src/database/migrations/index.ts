import { Init1795755194392 } from './1795755194392-Init';
import { Discussions1795755754803 } from './1795755754803-Discussions';

/** Every migration, in order. Add each new one here (no globs: see STACK.md pitfall 4). */
export const MIGRATIONS = [Init1795755194392, Discussions1795755754803];
