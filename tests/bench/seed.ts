import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type pg from 'pg';
import { paths } from './paths.js';
import type { Scale } from './scales.js';
import { STOP_WORDS, VOCABULARY, ZIPF_OFFSET } from './vocabulary.js';

/** Every seeded member signs in with this password (hashed once, with the api's own parameters). */
export const SEED_PASSWORD = 'bench-password-not-secret';

const CATEGORIES = [
  'Check-ins',
  'Milestones',
  'Family',
  'Work and money',
  'Health',
  'Hobbies',
  'Events',
  'Off topic',
];

/** Who and what the measurements use; ids are deterministic (md5 of a name), so they are known up front. */
export interface SeededWorld {
  /** The member whose session loads pages (member 1). */
  viewerEmail: string;
  /** The member who writes the fan-out reply (member 2). */
  replierEmail: string;
  deepThreadId: string;
  /** Posts in the deep thread (replies + the opening post). */
  deepThreadPosts: number;
  fanOutThreadId: string;
  counts: { users: number; threads: number; posts: number; reactions: number; watches: number };
  /** Sampled posts whose search_vector was recomputed by the real trigger and compared: all equal. */
  searchVectorsChecked: number;
  seconds: number;
}

/**
 * The uuid the seed gives the n-th thing of a kind: md5 of a name, with the version (4) and variant
 * (8) digits of a random uuid, so the api's input validation takes it like any other id. The same
 * in SQL and in TypeScript.
 */
const sqlId = (kind: string, n: string) =>
  `overlay(overlay(md5('kb-${kind}-' || (${n})) placing '4' from 13) placing '8' from 17)::uuid`;

export function seededId(kind: string, n: number | string): string {
  const md5 = createHash('md5').update(`kb-${kind}-${n}`).digest('hex');
  const hex = `${md5.slice(0, 12)}4${md5.slice(13, 16)}8${md5.slice(17)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const memberEmail = (n: number) => `member${n}@bench.kinship.invalid`;

async function hashPassword(): Promise<string> {
  const { Passwords } = createRequire(import.meta.url)(paths.passwords) as {
    Passwords: new (cheap: boolean) => { hash(password: string): Promise<string> };
  };
  return new Passwords(false).hash(SEED_PASSWORD);
}

/**
 * Fills a freshly migrated database in a handful of set-based statements (generate_series): the
 * rows the api itself would have written, consistent with each other (reply counts, last activity,
 * positions, watchers), with random but reproducible text (setseed).
 *
 * Speed-ups, each checked: the search trigger is switched off while posts load and search_vector is
 * written by the same expression in bulk (a sample is then recomputed by the real trigger and must
 * match exactly); the GIN index is dropped and rebuilt once instead of being maintained row by row.
 */
export async function seed(db: pg.Client, scale: Scale, log: (line: string) => void): Promise<SeededWorld> {
  const started = Date.now();
  const { members, threads, posts, deepReplies, watchers } = scale;
  const users = Math.max(members, watchers + 2);
  const deepPosts = deepReplies + 1;
  const rest = posts - deepPosts;
  if (rest < threads - 1) throw new Error(`scale ${scale.name}: too few posts for ${threads} threads`);
  const step = (label: string) => {
    const t = Date.now();
    return () => log(`  ${label} (${((Date.now() - t) / 1000).toFixed(1)}s)`);
  };
  // The triggers that refuse writes for deleted members lock each author's row once per row:
  // nobody seeded is deleted, so bulk loading goes without them (they are back before measuring).
  const departedTriggers = (
    await db.query<{ table: string; name: string }>(
      `SELECT c.relname AS table, t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE t.tgname ~ '_departed_member$'`,
    )
  ).rows;
  const setDeparted = async (state: 'ENABLE' | 'DISABLE') => {
    for (const t of departedTriggers) await db.query(`ALTER TABLE "${t.table}" ${state} TRIGGER "${t.name}"`);
  };
  await setDeparted('DISABLE');
  try {
    return await seedRows();
  } finally {
    await setDeparted('ENABLE');
  }

  async function seedRows(): Promise<SeededWorld> {
    await db.query(`SET maintenance_work_mem = '256MB'`);
    await db.query(`SET synchronous_commit = off`);
    await db.query(`SELECT setseed(0.4242)`);

    let done = step(`${users.toLocaleString('en')} members`);
    const hash = await hashPassword();
    await db.query(
      `INSERT INTO users (id, email, password_hash, display_name, role, joined_at)
     SELECT ${sqlId('user', 'n')}, 'member' || n || '@bench.kinship.invalid', $1,
            'Member ' || lpad(n::text, 6, '0'), 'MEMBER', now() - interval '400 days' + (n % 300) * interval '1 day'
       FROM generate_series(1, $2::int) n`,
      [hash, users],
    );
    await db.query(
      `INSERT INTO categories (id, name, slug, description, position)
     SELECT ${sqlId('category', 'i')}, name, lower(replace(name, ' ', '-')), 'Seeded by the benchmark.', i
       FROM unnest($1::text[]) WITH ORDINALITY AS c(name, i)`,
      [CATEGORIES],
    );
    done();

    // A random phrase of `len` words: 40% stop words, the rest content words of Zipf-like frequency
    // (rank r with weight 1/(r + ZIPF_OFFSET), drawn by inverting its cumulative distribution).
    const stopWords = `ARRAY[${STOP_WORDS.map((w) => `'${w}'`).join(', ')}]`;
    const zipfRank = `least($2::int, floor((1 + ${ZIPF_OFFSET}) * exp(random() * ln(($2::int + 1 + ${ZIPF_OFFSET}) / (1.0 + ${ZIPF_OFFSET}))) - ${ZIPF_OFFSET})::int)`;
    const words = (len: string) =>
      `array_to_string(ARRAY(SELECT CASE WHEN random() < 0.4 THEN (${stopWords})[1 + floor(random() * ${STOP_WORDS.length})::int]
                                       ELSE ($1::text[])[${zipfRank}] END
                             FROM generate_series(1, ${len})), ' ')`;

    done = step(`${threads.toLocaleString('en')} threads`);
    // Thread 1 is the deep thread, thread 2 the fan-out thread (its posts are by its watchers only).
    await db.query(
      `INSERT INTO threads (id, category_id, author_id, title, created_at, last_activity_at)
     SELECT ${sqlId('thread', 't')},
            ${sqlId('category', '1 + t % $4::int')},
            CASE WHEN t <= 2 THEN ${sqlId('user', '3')} ELSE ${sqlId('user', '1 + (t * 7919) % $3::int')} END,
            initcap(${words('3 + t % 6')}),
            now() - interval '730 days' + ((t - 1)::float8 / $5::int) * interval '700 days',
            now()
       FROM generate_series(1, $5::int) t`,
      [[...VOCABULARY], VOCABULARY.length, members, CATEGORIES.length, threads],
    );
    done();

    done = step(`${posts.toLocaleString('en')} posts`);
    const gin = await db.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'posts' AND indexname = 'posts_search_idx'`,
    );
    if (gin.rows.length) await db.query(`DROP INDEX posts_search_idx`);
    await db.query(`ALTER TABLE posts DISABLE TRIGGER posts_search_vector`);
    try {
      await db.query(
        `WITH slots AS (
         SELECT 1 AS t, pos FROM generate_series(1, $3::int) pos
         UNION ALL
         SELECT 2 + k % ($4::int - 1), 1 + k / ($4::int - 1) FROM generate_series(0, $5::int - 1) k
       ),
       gen AS MATERIALIZED (
         SELECT t, pos, ${words('8 + (pos * 7 + t) % 50')} AS body FROM slots
       )
       INSERT INTO posts (id, thread_id, position, author_id, reply_to_post_id, body, body_html, content_warning,
                          topics, deleted_at, created_at, search_vector)
       SELECT ${sqlId('post', `g.t || '-' || g.pos`)}, th.id, g.pos,
              CASE WHEN g.pos = 1 THEN th.author_id
                   WHEN g.t = 1 AND g.pos IN (2, 3) THEN ${sqlId('user', '2')}
                   WHEN g.t = 2 THEN ${sqlId('user', '3 + (g.pos * 7919) % $7::int')}
                   ELSE ${sqlId('user', '1 + (g.t * 31 + g.pos * 7919) % $6::int')} END,
              CASE WHEN g.pos > 3 AND (g.pos + g.t) % 6 = 0
                   THEN ${sqlId('post', `g.t || '-' || (g.pos - 1 - (g.pos * 13 + g.t) % 3)`)} END,
              g.body, '<p>' || g.body || '</p>',
              CASE WHEN (g.pos * 17 + g.t) % 40 = 0 THEN 'A hard day' END,
              CASE WHEN (g.pos * 11 + g.t) % 30 = 0 THEN '{RELAPSE}'::varchar(16)[] ELSE '{}'::varchar(16)[] END,
              CASE WHEN g.pos > 1 AND (g.pos * 23 + g.t) % 200 = 0 THEN now() - interval '1 day' END,
              ts,
              setweight(to_tsvector('english', coalesce(CASE WHEN g.pos = 1 THEN th.title END, '')), 'A')
                || setweight(to_tsvector('english', g.body), 'B')
         FROM gen g
         JOIN threads th ON th.id = ${sqlId('thread', 'g.t')},
              LATERAL (SELECT least(now() - interval '1 hour',
                         th.created_at + (g.pos - 1) * CASE WHEN g.t = 1 THEN interval '700 days' / $3::int
                                                           ELSE interval '97 minutes' END) AS ts) c`,
        [[...VOCABULARY], VOCABULARY.length, deepPosts, threads, rest, members, watchers],
      );
    } finally {
      await db.query(`ALTER TABLE posts ENABLE TRIGGER posts_search_vector`);
    }
    // Reply counts and last activity exactly as replies through the api would have left them.
    await db.query(
      `UPDATE threads t SET reply_count = a.n - 1, last_activity_at = a.last
       FROM (SELECT thread_id, count(*)::int AS n, max(created_at) AS last FROM posts GROUP BY thread_id) a
      WHERE a.thread_id = t.id`,
    );
    done();

    done = step('search index');
    if (gin.rows.length) await db.query(gin.rows[0].indexdef);
    done();

    done = step('reactions and watchers');
    // A third of the posts have 1 to 3 reactions from different members; the viewer reacted to some
    // posts on the deep thread's first page.
    await db.query(
      `INSERT INTO reactions (post_id, user_id, kind, created_at)
     SELECT p.id, ${sqlId('user', '1 + (h / 9 + i * 101) % $1::int')}, (ARRAY['SUPPORT', 'HUG', 'STRENGTH'])[1 + (h + i) % 3],
            p.created_at + interval '2 hours'
       FROM (SELECT id, created_at, hashtext(id::text) & 2147483647 AS h FROM posts) p,
            generate_series(0, 2) i
      WHERE p.h % 3 = 0 AND i <= (p.h / 3) % 3
     ON CONFLICT DO NOTHING`,
      [members],
    );
    await db.query(
      `INSERT INTO reactions (post_id, user_id, kind)
     SELECT ${sqlId('post', `'1-' || pos`)}, ${sqlId('user', '1')}, 'SUPPORT' FROM generate_series(4, 60, 4) pos
      WHERE pos <= $1::int
     ON CONFLICT DO NOTHING`,
      [deepPosts],
    );
    // Authors watch the threads they wrote in (as createThread and reply do); the fan-out thread's
    // watchers are members 3 .. watchers + 2, which includes everyone who wrote in it.
    await db.query(
      `INSERT INTO thread_watches (thread_id, user_id, watching)
     SELECT DISTINCT thread_id, author_id, true FROM posts WHERE thread_id <> ${sqlId('thread', '2')}`,
    );
    await db.query(
      `INSERT INTO thread_watches (thread_id, user_id, watching)
     SELECT ${sqlId('thread', '2')}, ${sqlId('user', 'n')}, true FROM generate_series(3, $1::int + 2) n`,
      [watchers],
    );
    done();

    done = step('vacuum analyze');
    for (const table of ['users', 'categories', 'threads', 'posts', 'reactions', 'thread_watches']) {
      await db.query(`VACUUM (ANALYZE) ${table}`);
    }
    done();

    done = step('search_vector check against the trigger');
    const searchVectorsChecked = await checkSearchVectors(db);
    done();

    const { rows } = await db.query<SeededWorld['counts']>(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM threads)::int AS threads,
            (SELECT count(*) FROM posts)::int AS posts, (SELECT count(*) FROM reactions)::int AS reactions,
            (SELECT count(*) FROM thread_watches)::int AS watches`,
    );
    return {
      viewerEmail: memberEmail(1),
      replierEmail: memberEmail(2),
      deepThreadId: seededId('thread', 1),
      deepThreadPosts: deepPosts,
      fanOutThreadId: seededId('thread', 2),
      counts: rows[0],
      searchVectorsChecked,
      seconds: (Date.now() - started) / 1000,
    };
  }
}

/**
 * Recomputes search_vector for a sample of posts (about 1 in 256, opening posts included) with
 * the real trigger, inside a transaction that is rolled back, and requires every one to be equal.
 */
async function checkSearchVectors(db: pg.Client): Promise<number> {
  await db.query('BEGIN');
  try {
    await db.query(
      `CREATE TEMP TABLE kb_sample ON COMMIT DROP AS
         SELECT id, search_vector FROM posts WHERE hashtext(id::text) & 255 = 0 OR (position = 1 AND hashtext(id::text) & 15 = 0)`,
    );
    await db.query(`UPDATE posts p SET body = p.body FROM kb_sample s WHERE p.id = s.id`);
    const { rows } = await db.query<{ total: number; differing: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE p.search_vector IS DISTINCT FROM s.search_vector)::int AS differing
         FROM kb_sample s JOIN posts p ON p.id = s.id`,
    );
    const { total, differing } = rows[0];
    if (total === 0 || differing > 0) {
      throw new Error(
        `seeded search_vector differs from the trigger's for ${differing} of ${total} sampled posts`,
      );
    }
    return total;
  } finally {
    await db.query('ROLLBACK');
  }
}
