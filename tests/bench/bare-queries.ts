/**
 * The SQL the api runs for the web's ThreadPage and Search operations, statement for statement
 * (texts copied from what the api sends, see support/statement-counter.cts), in the same order and
 * with the same concurrency, without Nest, GraphQL or TypeORM. The harness checks, every run, that
 * the bare statements are the api's and that the bare ThreadPage JSON is byte-identical to the api's.
 *
 * Modelled for the benchmark's viewer only: a MEMBER (moderators take other branches in the api)
 * and posts that are VISIBLE (so moderationDecision is null without SQL, as in the api).
 */
import { createHash } from 'node:crypto';

export type Run = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

// ---- Statements, as TypeORM and the services write them ------------------------------------------

const USER_COLUMNS = [
  'id',
  'email',
  'password_hash',
  'display_name',
  'role',
  'bio',
  'pronouns',
  'time_zone',
  'topic_filters',
  'suspended_until',
  'recovery_start',
  'recovery_visibility',
  'recovery_announce',
  'quiet_hours_start',
  'quiet_hours_end',
  'last_digest_on',
  'joined_at',
  'deleted_at',
];
const POST_COLUMNS = [
  'id',
  'thread_id',
  'position',
  'author_id',
  'reply_to_post_id',
  'body',
  'body_html',
  'content_warning',
  'status',
  'topics',
  'mentioned_user_ids',
  'deleted_at',
  'created_at',
  'edited_at',
];
const THREAD_COLUMNS = [
  'id',
  'category_id',
  'author_id',
  'title',
  'created_at',
  'last_activity_at',
  'pinned',
  'locked',
  'reply_count',
];
const CATEGORY_COLUMNS = ['id', 'name', 'slug', 'description', 'position', 'created_at'];
const DRAFT_COLUMNS = ['user_id', 'draft_key', 'title', 'body', 'category_id', 'updated_at'];

const select = (alias: string, columns: string[]) =>
  columns.map((c) => `"${alias}"."${c}" AS "${alias}_${c}"`).join(', ');
const placeholders = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');

const SESSION = `SELECT s.id, s.user_id, u.role, s.last_used_at, u.suspended_until
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.deleted_at IS NULL`;
const TOUCH_SESSION = `UPDATE sessions SET last_used_at = now() WHERE id = $1`;
const USER_BY_ID = `SELECT ${select('UserEntity', USER_COLUMNS)} FROM "users" "UserEntity" WHERE (("UserEntity"."id" = $1)) LIMIT 1`;
const USERS_BY_IDS = (n: number) =>
  `SELECT ${select('UserEntity', USER_COLUMNS)} FROM "users" "UserEntity" WHERE (("UserEntity"."id" IN (${placeholders(1, n)})))`;
const BLOCKED_BY = `SELECT ${select('u', USER_COLUMNS)} FROM "users" "u" INNER JOIN "blocks" "b" ON "b"."blocked_id" = "u"."id" AND "b"."blocker_id" = $1 ORDER BY "b"."created_at" DESC`;
const SEPARATED = `SELECT blocked_id AS id FROM blocks WHERE blocker_id = $1
       UNION SELECT blocker_id AS id FROM blocks WHERE blocked_id = $1`;
const DRAFT = `SELECT ${select('d', DRAFT_COLUMNS)} FROM "drafts" "d" WHERE "d"."user_id" = $1 AND "d"."draft_key" = $2 AND "d"."updated_at" > now() - interval '30 days'`;
const OPENING_VISIBLE_T = `EXISTS (SELECT 1 FROM posts op WHERE op.thread_id = "t"."id" AND op.position = 1
                      AND (op.status = 'VISIBLE' OR op.author_id = $2))`;
const THREAD = `SELECT ${select('t', THREAD_COLUMNS)} FROM "threads" "t" WHERE "t"."id" = $1 AND ${OPENING_VISIBLE_T}`;
const visibleP = (viewer: string) => `("p"."status" = 'VISIBLE' OR "p"."author_id" = ${viewer})
     AND EXISTS (SELECT 1 FROM posts op WHERE op.thread_id = "p"."thread_id" AND op.position = 1
                   AND (op.status = 'VISIBLE' OR op.author_id = ${viewer}))`;
const LAST_POSITION = `SELECT "p"."position" AS "max" FROM "posts" "p" WHERE "p"."thread_id" = $1 AND ${visibleP('$2')} ORDER BY "p"."position" DESC LIMIT 1`;
const THREAD_POSTS = `SELECT ${select('p', POST_COLUMNS)} FROM "posts" "p" WHERE "p"."thread_id" = $1 AND "p"."position" > $2 AND ${visibleP('$3')} ORDER BY "p"."position" ASC LIMIT $LIMIT`;
const WATCHING = `SELECT thread_id FROM thread_watches WHERE thread_id = ANY($1::uuid[]) AND user_id = $2 AND watching`;
const CATEGORIES_BY_IDS = (n: number) =>
  `SELECT ${select('CategoryEntity', CATEGORY_COLUMNS)} FROM "categories" "CategoryEntity" WHERE (("CategoryEntity"."id" IN (${placeholders(1, n)})))`;
const REACTIONS = `SELECT post_id, kind, count(*)::int AS count, bool_or(user_id = $2) AS viewer_reacted
           FROM reactions WHERE post_id = ANY($1::uuid[]) GROUP BY post_id, kind`;
const POSTS_BY_IDS_VISIBLE = (n: number) =>
  `SELECT ${select('p', POST_COLUMNS)} FROM "posts" "p" WHERE "p"."id" IN (${placeholders(1, n)}) AND ${visibleP(`$${n + 1}`)}`;
const SEARCH = `WITH candidates AS (
         SELECT p.id, p.author_id, p.thread_id, p.search_vector
           FROM posts p
          WHERE p.search_vector @@ websearch_to_tsquery('english', $1)
            AND p.status = 'VISIBLE' AND p.deleted_at IS NULL
          ORDER BY p.created_at DESC
          LIMIT 500
       ),
       ranked AS (
         SELECT c.id, round(ts_rank_cd(c.search_vector, websearch_to_tsquery('english', $1))::numeric, 6) AS rank
           FROM candidates c
          WHERE NOT EXISTS (SELECT 1 FROM blocks bl WHERE (bl.blocker_id = c.author_id AND bl.blocked_id = $2) OR (bl.blocker_id = $2 AND bl.blocked_id = c.author_id))
            AND EXISTS (SELECT 1 FROM posts op WHERE op.thread_id = c.thread_id AND op.position = 1 AND op.status = 'VISIBLE')
       ),
       page AS (
         SELECT id, rank FROM ranked
          WHERE $3::numeric IS NULL OR (rank, id) < ($3::numeric, $4::uuid)
          ORDER BY rank DESC, id DESC
          LIMIT $5
       )
       SELECT page.id, page.rank::text AS rank,
              ts_headline('english', p.body, websearch_to_tsquery('english', $1), $6) AS headline
         FROM page JOIN posts p ON p.id = page.id
        ORDER BY page.rank DESC, page.id DESC`;
// TypeORM writes `In([])` as 0=1 (and still sends the statement).
const POSTS_BY_IDS = (n: number) =>
  `SELECT ${select('PostEntity', POST_COLUMNS)} FROM "posts" "PostEntity" WHERE ((${n ? `"PostEntity"."id" IN (${placeholders(1, n)})` : '0=1'}))`;
const THREADS_BY_IDS = (n: number) =>
  `SELECT ${select('ThreadEntity', THREAD_COLUMNS)} FROM "threads" "ThreadEntity" WHERE (("ThreadEntity"."id" IN (${placeholders(1, n)})))`;
const HEADLINE_OPTIONS = `StartSel=\uE000, StopSel=\uE001, MaxWords=35, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`;

/** Same as the api's `REACTION_KINDS` (packages/shared), in order. */
const REACTION_KINDS = ['SUPPORT', 'HUG', 'STRENGTH'] as const;
const TOUCH_EVERY_MS = 5 * 60 * 1000;
const DAY = 86_400_000;

// ---- Helpers ------------------------------------------------------------------------------------

/** Strips TypeORM's `alias_` prefixes: `{ p_id: 1 }` -> `{ id: 1 }`. */
function entity(row: Record<string, unknown>, alias: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    out[key.startsWith(`${alias}_`) ? key.slice(alias.length + 1) : key] = value;
  return out;
}

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

export interface BareViewer {
  id: string;
  role: string;
}

export class BareError extends Error {}

/** The session guard's lookup (SessionsService.viewerForToken). */
async function viewerForToken(run: Run, token: string): Promise<BareViewer> {
  const [row] = await run(SESSION, [createHash('sha256').update(token).digest('hex')]);
  if (!row) throw new BareError('UNAUTHENTICATED');
  if (Date.now() - (row.last_used_at as Date).getTime() > TOUCH_EVERY_MS) await run(TOUCH_SESSION, [row.id]);
  if (row.suspended_until && (row.suspended_until as Date) > new Date()) throw new BareError('suspended');
  if (row.role !== 'MEMBER') throw new BareError('only a MEMBER viewer is modelled');
  return { id: row.user_id as string, role: row.role };
}

/**
 * The api guards each root field on its own, but the root fields of one request share a single
 * session lookup (the guard keeps the lookup in flight on the request).
 */
const lookups = new WeakMap<Run, Promise<BareViewer>>();
/** A request's own `run`: the key its one session lookup is kept under. */
const perRequest = (run: Run): Run => (text, params) => run(text, params);
function guarded<T>(run: Run, token: string, resolve: (viewer: BareViewer) => Promise<T>): Promise<T> {
  let lookup = lookups.get(run);
  if (!lookup) {
    lookup = viewerForToken(run, token);
    lookups.set(run, lookup);
  }
  return lookup.then(resolve);
}

/** A per-request cache of users by id, loaded in batches (the api's usersById DataLoader). */
class UsersById {
  private readonly cache = new Map<string, Promise<Record<string, unknown> | undefined>>();
  constructor(private readonly run: Run) {}

  /** Loads, in one statement, those of `ids` not loaded yet (no statement when there are none). */
  load(ids: string[]): Promise<Map<string, Record<string, unknown>>> {
    const fresh = [...new Set(ids)].filter((id) => !this.cache.has(id));
    if (fresh.length) {
      const batch = this.run(USERS_BY_IDS(fresh.length), fresh).then((rows) =>
        rows.map((r) => entity(r, 'UserEntity')),
      );
      for (const id of fresh)
        this.cache.set(
          id,
          batch.then((rows) => rows.find((r) => r.id === id)),
        );
    }
    return Promise.all(ids.map(async (id) => [id, await this.cache.get(id)] as const)).then((pairs) => {
      const found = new Map<string, Record<string, unknown>>();
      for (const [id, user] of pairs) {
        if (!user) throw new BareError(`user ${id} referenced but missing`);
        found.set(id, user);
      }
      return found;
    });
  }
}

// ---- ThreadPage ---------------------------------------------------------------------------------

export interface ThreadPageVariables {
  id: string;
  first?: number;
  after?: string;
  fromPosition?: number;
  draftKey: string;
}

/** The web's ThreadPage operation, answered with the api's statements; returns the JSON body the api returns. */
export async function threadPage(shared: Run, token: string, variables: ThreadPageVariables): Promise<string> {
  const run = perRequest(shared);
  const users = new UsersById(run);
  // Loaded at most once per request, the first time a post field needs it (ViewerContextLoader).
  let viewerContext: Promise<{ topicFilters: Set<string>; separated: Set<string> }> | undefined;
  const context = (viewerId: string) =>
    (viewerContext ??= Promise.all([run(USER_BY_ID, [viewerId]), run(SEPARATED, [viewerId])]).then(
      ([[user], separated]) => ({
        topicFilters: new Set((entity(user ?? {}, 'UserEntity').topic_filters as string[] | undefined) ?? []),
        separated: new Set(separated.map((r) => r.id as string)),
      }),
    ));

  const [me, blockedUsers, draft, thread] = await Promise.all([
    guarded(run, token, async (viewer) => {
      const [row] = await run(USER_BY_ID, [viewer.id]);
      const user = row && entity(row, 'UserEntity');
      return user ? { id: user.id, topicFilters: user.topic_filters } : null;
    }),
    guarded(run, token, async (viewer) =>
      (await run(BLOCKED_BY, [viewer.id])).map((r) => ({ id: entity(r, 'u').id })),
    ),
    guarded(run, token, async (viewer) => {
      const [row] = await run(DRAFT, [viewer.id, variables.draftKey]);
      if (!row) return null;
      const d = entity(row, 'd');
      return {
        key: d.draft_key,
        body: d.body,
        title: d.title,
        categoryId: d.category_id,
        updatedAt: iso(d.updated_at),
      };
    }),
    guarded(run, token, async (viewer) => {
      const [row] = await run(THREAD, [variables.id, viewer.id]);
      return row ? threadFields(run, users, context, viewer, entity(row, 't'), variables) : null;
    }),
  ]);
  return JSON.stringify({ data: { me, blockedUsers, draft, thread } });
}

async function threadFields(
  run: Run,
  users: UsersById,
  context: (viewerId: string) => Promise<{ topicFilters: Set<string>; separated: Set<string> }>,
  viewer: BareViewer,
  t: Record<string, unknown>,
  variables: ThreadPageVariables,
) {
  const first = variables.first ?? 20;
  const after = variables.after
    ? (JSON.parse(Buffer.from(variables.after, 'base64url').toString('utf8')) as number[])
    : null;
  const start = after ? after[0] : (variables.fromPosition ?? 1) - 1;
  const [latest, watching, [category], authors, postRows] = await Promise.all([
    run(LAST_POSITION, [t.id, viewer.id]),
    run(WATCHING, [[t.id], viewer.id]),
    run(CATEGORIES_BY_IDS(1), [t.category_id]).then((rows) => rows.map((r) => entity(r, 'CategoryEntity'))),
    users.load([t.author_id as string]),
    run(THREAD_POSTS.replace('$LIMIT', String(first + 1)), [t.id, start, viewer.id]).then((rows) =>
      rows.map((r) => entity(r, 'p')),
    ),
  ]);
  const page = postRows.slice(0, first);
  const author = authors.get(t.author_id as string)!;

  // Every post field that needs the database, batched as the api's DataLoaders batch them
  // (hiddenByBlock asks for the viewer context on every post; the quoted posts' authors are loaded
  // once the quoted posts are in, and users already asked for come from the loader's cache).
  const ownEditable = page.some((p) => p.author_id === viewer.id && p.deleted_at === null);
  const quotedIds = [
    ...new Set(page.map((p) => p.reply_to_post_id).filter((id): id is string => typeof id === 'string')),
  ];
  const postAuthorsLoad = users.load([
    ...page.map((p) => p.author_id as string),
    ...(ownEditable ? [viewer.id] : []),
  ]);
  const quotedLoad = quotedIds.length
    ? run(POSTS_BY_IDS_VISIBLE(quotedIds.length), [...quotedIds, viewer.id]).then((rows) =>
        rows.map((r) => entity(r, 'p')),
      )
    : Promise.resolve([]);
  const [ctx, postAuthors, reactions, [quoted, quotedAuthors]] = await Promise.all([
    page.length ? context(viewer.id) : null,
    postAuthorsLoad,
    page.length ? run(REACTIONS, [page.map((p) => p.id), viewer.id]) : Promise.resolve([]),
    quotedLoad.then(
      async (rows) => [rows, await users.load(rows.map((q) => q.author_id as string))] as const,
    ),
  ]);
  const separated = ctx?.separated ?? new Set<string>();
  const topicFilters = ctx?.topicFilters ?? new Set<string>();
  const withheld = (p: Record<string, unknown>) =>
    p.deleted_at !== null || separated.has(p.author_id as string);

  const edges = page.map((p) => {
    const a = postAuthors.get(p.author_id as string)!;
    const q = quoted.find((row) => row.id === p.reply_to_post_id);
    const qa = q && quotedAuthors.get(q.author_id as string)!;
    const me = p.author_id === viewer.id && p.deleted_at === null ? postAuthors.get(viewer.id) : undefined;
    return {
      cursor: cursor([p.position]),
      node: {
        id: p.id,
        position: p.position,
        bodyHtml: withheld(p) ? '' : p.body_html,
        contentWarning: p.content_warning,
        collapsed: p.content_warning ? true : (p.topics as string[]).some((topic) => topicFilters.has(topic)),
        topics: p.topics,
        deleted: p.deleted_at !== null,
        hiddenByBlock: separated.has(p.author_id as string),
        status: p.status,
        createdAt: iso(p.created_at),
        editedAt: iso(p.edited_at),
        viewerCanEdit: me ? canStillEdit(p.created_at as Date, me.joined_at as Date) : false,
        author: { id: a.id, displayName: a.display_name },
        moderationDecision: null,
        reactions: REACTION_KINDS.map((kind) => {
          const r = reactions.find((row) => row.post_id === p.id && row.kind === kind);
          return {
            kind,
            count: (r?.count as number | undefined) ?? 0,
            viewerReacted: (r?.viewer_reacted as boolean | undefined) ?? false,
          };
        }),
        revisions: null,
        replyTo:
          q && qa
            ? {
                id: q.id,
                position: q.position,
                body: withheld(q) ? '' : q.body,
                deleted: q.deleted_at !== null,
                hiddenByBlock: separated.has(q.author_id as string),
                author: { id: qa.id, displayName: qa.display_name },
              }
            : null,
      },
    };
  });
  return {
    id: t.id,
    title: t.title,
    pinned: t.pinned,
    locked: t.locked,
    replyCount: t.reply_count,
    latestPosition: (latest[0]?.max as number | null) ?? 1,
    viewerIsWatching: watching.some((w) => w.thread_id === t.id),
    createdAt: iso(t.created_at),
    lastActivityAt: iso(t.last_activity_at),
    category: { id: category.id, name: category.name },
    author: { id: author.id, displayName: author.display_name },
    posts: {
      edges,
      pageInfo: { hasNextPage: postRows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    },
  };
}

/** posting-rules.ts: 30 days to edit, 24 hours in a member's first week. */
function canStillEdit(postedAt: Date, joinedAt: Date): boolean {
  const now = Date.now();
  const window = now - joinedAt.getTime() < 7 * DAY ? DAY : 30 * DAY;
  return now - postedAt.getTime() <= window;
}

// ---- Search -------------------------------------------------------------------------------------

/**
 * The statements of the web's Search operation (first page): two guarded root fields (me, search),
 * the ranked full-text query, the posts it found, then the viewer context, authors and threads of
 * the results. Returns how many results the page has.
 */
export async function search(shared: Run, token: string, query: string, first: number): Promise<number> {
  const run = perRequest(shared);
  const [, found] = await Promise.all([
    guarded(run, token, (viewer) => run(USER_BY_ID, [viewer.id])),
    guarded(run, token, async (viewer) => {
      const rows = await run(SEARCH, [query, viewer.id, null, null, first + 1, HEADLINE_OPTIONS]);
      const posts = (
        await run(
          POSTS_BY_IDS(rows.length),
          rows.map((r) => r.id),
        )
      ).map((r) => entity(r, 'PostEntity'));
      const page = rows
        .slice(0, first)
        .map((r) => posts.find((p) => p.id === r.id))
        .filter((p) => p !== undefined);
      if (page.length === 0) return 0;
      const authors = [...new Set(page.map((p) => p.author_id as string))];
      const threads = [...new Set(page.map((p) => p.thread_id as string))];
      await Promise.all([
        page.some((p) => !p.content_warning)
          ? Promise.all([run(USER_BY_ID, [viewer.id]), run(SEPARATED, [viewer.id])])
          : null,
        run(USERS_BY_IDS(authors.length), authors),
        run(THREADS_BY_IDS(threads.length), threads),
      ]);
      return page.length;
    }),
  ]);
  return found;
}

/** A statement's shape, for comparing two runs: whitespace collapsed, IN lists of any length alike. */
export function statementShape(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/IN \((\$\d+(, )?)+\)/g, 'IN ($n)')
    .replace(/LIMIT \d+/g, 'LIMIT n')
    .trim();
}
