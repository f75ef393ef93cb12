import 'reflect-metadata';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_CATEGORIES, Role } from '@kinship/shared';
import { ConfigError, loadConfig } from '../config/config';
import { renderMarkdown } from '../common/markdown';
import { dataSourceOptions } from '../database/options';
import { slugify } from '../modules/discussions/categories.service';
import { Passwords } from '../modules/accounts/passwords';
import { UserEntity } from '../modules/accounts/entities/user.entity';
import { CategoryEntity } from '../modules/discussions/entities/category.entity';
import { PostEntity } from '../modules/discussions/entities/post.entity';
import { ThreadEntity } from '../modules/discussions/entities/thread.entity';
import { displayNameKey } from '../common/confusables';

export const DEMO_PASSWORD = 'recovery-demo-2026';

const PEOPLE: { key: string; name: string; role: Role; pronouns?: string; bio?: string; tz: string }[] = [
  { key: 'admin', name: 'Alex (program team)', role: 'ADMIN', pronouns: 'they/them', bio: 'Alumni coordinator at the program.', tz: 'America/Chicago' },
  { key: 'moderator', name: 'Sam M', role: 'MODERATOR', pronouns: 'he/him', bio: 'Peer support specialist, 6 years in recovery.', tz: 'America/Chicago' },
  { key: 'river', name: 'River', role: 'MEMBER', pronouns: 'she/her', bio: 'Gardening, long walks, and my dog Pepper.', tz: 'America/Denver' },
  { key: 'jess', name: 'Jess T', role: 'MEMBER', bio: 'Night-shift nurse learning to rest.', tz: 'America/New_York' },
  { key: 'marcus', name: 'Marcus', role: 'MEMBER', pronouns: 'he/him', bio: 'Dad of two. Coffee and bad puns.', tz: 'America/Chicago' },
  { key: 'lena', name: 'Lena K', role: 'MEMBER', pronouns: 'she/her', tz: 'America/Los_Angeles' },
  { key: 'deshawn', name: 'DeShawn', role: 'MEMBER', bio: 'Back in school for HVAC.', tz: 'America/Chicago' },
  { key: 'priya', name: 'Priya', role: 'MEMBER', pronouns: 'she/they', tz: 'America/Chicago' },
];

type Script = { category: string; author: string; title: string; body: string; replies: [string, string][] };

const THREADS: Script[] = [
  { category: 'Introductions', author: 'priya', title: 'Hi from a fresh graduate', body: 'Finished IOP last Friday. Nervous about not having group three times a week. Glad this exists.', replies: [['river', 'Welcome, Priya. The first weeks after graduation felt strange for me too. Checking in here every morning helped.'], ['moderator', 'Welcome! The Daily check-in category is a good place to start. We are glad you are here.']] },
  { category: 'Introductions', author: 'deshawn', title: 'DeShawn here, class of spring', body: 'Back in school for HVAC and working part-time. Looking for people to walk with on weekends.', replies: [['marcus', 'There is a Saturday walking group that meets by the river trail. You would be welcome.']] },
  { category: 'Daily check-in', author: 'river', title: 'Tuesday check-in', body: 'Slept well, walked Pepper, called my sister. Feeling steady today.', replies: [['jess', 'Steady is good. Worked a long shift but I got through it and I am going to bed early.'], ['lena', 'Anxious this morning, better after lunch. Thanks for starting the thread.']] },
  { category: 'Daily check-in', author: 'jess', title: 'Rough night shift', body: 'Hard night at work. Noticed old thoughts creeping in on the drive home. Texting here instead of doing anything else.', replies: [['moderator', 'That was a good choice, Jess. Is there someone you can call this morning?'], ['river', 'Proud of you for reaching out. Get some rest.'], ['jess', 'Called my sponsor. Going to sleep now. Thank you both.']] },
  { category: 'Relapse prevention', author: 'marcus', title: 'What is on your warning-signs list?', body: 'My counselor had us write down early warning signs. Mine: skipping meals, isolating, and **getting short with the kids**. What is on yours?', replies: [['lena', 'Not answering texts. When I go quiet, my friends know to check on me.'], ['deshawn', 'Staying up late scrolling. Bedtime alarm has helped a lot.']] },
  { category: 'Relapse prevention', author: 'lena', title: 'Plans for the holidays', body: 'Family gatherings are a big trigger for me. I am planning to drive myself so I can leave when I need to. Other ideas?', replies: [['priya', 'Bringing my own drinks so I always have something in hand.'], ['moderator', 'Having an exit phrase ready helps too: "I have an early morning, I need to head out."']] },
  { category: 'Stress and emotions', author: 'jess', title: 'Grounding techniques that actually work for you', body: 'The 5-4-3-2-1 exercise helps me sometimes. Cold water on my face works better. What works for you?', replies: [['priya', 'Box breathing: in for 4, hold 4, out 4, hold 4.'], ['marcus', 'Walking around the block, even for five minutes.']] },
  { category: 'Stress and emotions', author: 'deshawn', title: 'Exam stress', body: 'First big exam since I went back to school. Old me would have handled stress very differently. Trying to study in short blocks.', replies: [['river', 'Short blocks and real breaks. You have got this.']] },
  { category: 'Family and relationships', author: 'marcus', title: 'Rebuilding trust with my partner', body: 'It is slow. Some days she still checks where I have been. I understand why, but it hurts. How did others handle this?', replies: [['lena', 'Couples counseling helped us, once we were both ready for it.'], ['moderator', 'Trust tends to come back through many small, consistent days. You are doing the work.']] },
  { category: 'Family and relationships', author: 'river', title: 'Telling my kids about recovery', body: 'My oldest is 12 and asking questions. How much did you share at that age?', replies: [['marcus', 'We kept it simple and honest: I was sick, I am getting help, and it is not their fault.']] },
  { category: 'Wins', author: 'lena', title: 'Six months today', body: 'Six months. I did not think I would get here. Thank you all.', replies: [['river', 'Six months! So happy for you, Lena.'], ['jess', 'This made my day.'], ['priya', 'Congratulations. This gives me hope.']] },
  { category: 'Wins', author: 'deshawn', title: 'Got the apprenticeship', body: 'Signed the papers for an HVAC apprenticeship today. Employer knows my history and hired me anyway.', replies: [['marcus', 'That is huge. Well done.'], ['moderator', 'Congratulations, DeShawn. A fair-chance employer is worth celebrating too.']] },
];

/** Recovery start dates (days ago) of the demo members who set one; only each member sees theirs. */
const RECOVERY_DAYS: Record<string, number> = { river: 800, jess: 1100, marcus: 430, lena: 183, deshawn: 150, priya: 12 };

/** Alumni with a year or more who offer to mentor (approved), by topic label. */
const MENTORS: { key: string; about: string; topics: string[]; capacity: number }[] = [
  { key: 'river', about: 'Two years out of IOP. I garden, walk my dog and remember how strange the first months felt.', topics: ['First months after treatment', 'Parenting in recovery'], capacity: 2 },
  { key: 'marcus', about: 'Dad of two, back at work for a year. Happy to talk through the return to a job.', topics: ['Returning to work', 'Parenting in recovery'], capacity: 2 },
];

/** A little private traffic: a mentoring pairing with its conversation, and a moderator checking in. */
async function seedConversations(manager: EntityManager, users: Map<string, UserEntity>): Promise<void> {
  const id = (key: string) => users.get(key)!.id;
  for (const [key, days] of Object.entries(RECOVERY_DAYS)) {
    await manager.query(`UPDATE users SET recovery_start = (now() - make_interval(days => $2))::date WHERE id = $1`, [id(key), days]);
  }
  for (const mentor of MENTORS) {
    await manager.query(
      `INSERT INTO mentor_profiles (user_id, about, topic_ids, capacity, status, approved_at)
       SELECT $1, $2, COALESCE(array_agg(t.id ORDER BY t.position), '{}'), $4, 'APPROVED', now()
         FROM mentor_topics t WHERE t.label = ANY($3::text[])`,
      [id(mentor.key), mentor.about, mentor.topics, mentor.capacity],
    );
  }
  const talk = async (kind: string, script: [string, string][], hoursAgo: number): Promise<string> => {
    const [{ id: conversationId }]: { id: string }[] = await manager.query(
      `INSERT INTO conversations (kind, created_by, created_at, last_message_at)
       VALUES ($1, $2, now() - make_interval(hours => $3), now() - make_interval(hours => $3))
       RETURNING id`,
      [kind, kind === 'MENTORING' ? null : id(script[0][0]), hoursAgo],
    );
    const people = [...new Set(script.map(([who]) => who))];
    for (const who of people) {
      await manager.query(`INSERT INTO conversation_members (conversation_id, user_id, status, last_read_at) VALUES ($1, $2, 'ACTIVE', now())`, [
        conversationId,
        id(who),
      ]);
    }
    for (const [i, [who, body]] of script.entries()) {
      const at = new Date(Date.now() - (hoursAgo - i) * 3600_000);
      await manager.query(
        `INSERT INTO messages (conversation_id, author_id, body, body_html, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [conversationId, id(who), body, renderMarkdown(body), at],
      );
      await manager.query(`UPDATE conversations SET last_message_at = $2 WHERE id = $1`, [conversationId, at]);
    }
    return conversationId;
  };
  const mentoring = await talk(
    'MENTORING',
    [
      ['marcus', 'Hi DeShawn, glad we were paired. How is the apprenticeship going so far?'],
      ['deshawn', 'Good, mostly. The early starts are hard. How did you handle telling your boss about treatment?'],
      ['marcus', 'I kept it short and honest. Happy to talk it through on Saturday after the walk.'],
    ],
    30,
  );
  await manager.query(
    `INSERT INTO mentor_pairings (mentor_id, mentee_id, status, note, topic_ids, created_at, started_at, conversation_id)
     SELECT $1, $2, 'ACTIVE', 'Starting an apprenticeship and would like someone who has been back at work.',
            COALESCE(array_agg(t.id), '{}'), now() - interval '3 days', now() - interval '3 days', $3
       FROM mentor_topics t WHERE t.label = 'Returning to work'`,
    [id('marcus'), id('deshawn'), mentoring],
  );
  await talk(
    'DIRECT',
    [
      ['moderator', 'Hi Jess, just checking in after your night shift post. How are you today?'],
      ['jess', 'Better, thanks Sam. Slept most of the day. It helped to write it down.'],
    ],
    8,
  );
}

/** Seeds the demo community on a database with no members yet; does nothing otherwise. */
export async function seedDemo(dataSource: DataSource, cheapHashes = false): Promise<boolean> {
  const [{ count }]: { count: number }[] = await dataSource.query(`SELECT count(*)::int AS count FROM users`);
  if (count > 0) return false;
  const passwordHash = await new Passwords(cheapHashes).hash(DEMO_PASSWORD);
  await dataSource.transaction(async (manager) => {
    const users = new Map<string, UserEntity>();
    for (const person of PEOPLE) {
      users.set(
        person.key,
        await manager.save(
          manager.create(UserEntity, {
            email: `${person.key}@kinship.local`,
            passwordHash,
            displayName: person.name,
            displayNameKey: displayNameKey(person.name),
            role: person.role,
            pronouns: person.pronouns ?? null,
            bio: person.bio ?? null,
            timeZone: person.tz,
          }),
        ),
      );
    }
    const categories = new Map<string, CategoryEntity>();
    for (const [position, category] of DEFAULT_CATEGORIES.entries()) {
      categories.set(
        category.name,
        await manager.save(
          manager.create(CategoryEntity, { ...category, slug: slugify(category.name), position }),
        ),
      );
    }
    const start = Date.now() - THREADS.length * 7 * 3600_000;
    for (const [i, script] of THREADS.entries()) {
      await seedThread(manager, script, users, categories, new Date(start + i * 7 * 3600_000));
    }
    await seedConversations(manager, users);
  });
  return true;
}

async function seedThread(
  manager: EntityManager,
  script: Script,
  users: Map<string, UserEntity>,
  categories: Map<string, CategoryEntity>,
  at: Date,
): Promise<void> {
  const posts = [[script.author, script.body] as [string, string], ...script.replies];
  const times = posts.map((_, i) => new Date(at.getTime() + i * 40 * 60_000));
  const thread = await manager.save(
    manager.create(ThreadEntity, {
      categoryId: categories.get(script.category)!.id,
      authorId: users.get(script.author)!.id,
      title: script.title,
      createdAt: times[0],
      lastActivityAt: times.at(-1),
      replyCount: script.replies.length,
    }),
  );
  for (const [i, [author, body]] of posts.entries()) {
    await manager.insert(PostEntity, {
      threadId: thread.id,
      position: i + 1,
      authorId: users.get(author)!.id,
      body,
      bodyHtml: renderMarkdown(body),
      createdAt: times[i],
    });
  }
}

async function main(): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(loadConfig()));
  await dataSource.initialize();
  try {
    const seeded = await seedDemo(dataSource);
    console.log(seeded ? 'Seeded the demo community.' : 'The database already has members; not seeding.');
    if (seeded) {
      console.log(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
      for (const p of PEOPLE.slice(0, 3)) console.log(`  ${p.role.padEnd(9)} ${p.key}@kinship.local  (${p.name})`);
    }
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
