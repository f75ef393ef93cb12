import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHarness } from '../../../test/harness';
import { EXPORTED, NOT_EXPORTED } from './export-inventory.test-data';

/**
 * The export holds every kind of a member’s data, with the list of kinds read from the database
 * itself: every uuid column that holds a member is either exported or left out for a stated reason
 * (export-inventory.test-data.ts); export-completeness.int-spec.ts checks the export itself.
 */

/** A uuid column whose name says it holds a member: user_id, author_id, created_by, mentioned_user_ids... */
const PERSON_COLUMN =
  /(^|_)(users?|author|member|owner|organizer|appellant|flagger|follower|followee|blocker|blocked|moderator|recipient|actor|sender)(_ids?)?$|_by$/;

/** uuid columns that neither point at a member nor name the table they point at (checked, so none slips through). */
const NOT_A_MEMBER: Record<string, string> = {
  'events.series_id': 'groups the occurrences of one recurring series; there is no series table',
  'flag_cases.target_id':
    'the flagged post, event, resource or member; a member target is also in target_user_id',
  'flags.target_id':
    'the flagged post, event, resource or member; flags stay anonymous to whoever they are about',
  'mentor_pairings.topic_ids': 'the topics a mentee asked for help with (mentor_topics, which holds no member)',
  'mentor_profiles.topic_ids': 'the topics a mentor can help with (mentor_topics, which holds no member)',
  'moderation_actions.target_id':
    'the post, event, resource or member acted on; a member is also in target_user_id',
};

describe('privacy: the export is complete', () => {
  let t: TestHarness;

  beforeAll(async () => {
    t = await TestHarness.start();
  });
  afterAll(() => t?.stop());

  /** Every uuid column of every table that holds a member, read from information_schema. */
  async function memberColumns(): Promise<{ people: string[]; unclassified: string[] }> {
    const columns: { table_name: string; column_name: string; references: string | null }[] =
      await t.dataSource.query(
        `SELECT c.table_name, c.column_name,
              (SELECT min(ccu.table_name) FROM information_schema.key_column_usage k
                 JOIN information_schema.table_constraints tc
                   ON tc.constraint_name = k.constraint_name AND tc.table_schema = k.table_schema AND tc.constraint_type = 'FOREIGN KEY'
                 JOIN information_schema.constraint_column_usage ccu
                   ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
                WHERE k.table_schema = c.table_schema AND k.table_name = c.table_name AND k.column_name = c.column_name) AS "references"
         FROM information_schema.columns c JOIN information_schema.tables tb USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE' AND c.column_name <> 'id'
          AND (c.data_type = 'uuid' OR c.udt_name = '_uuid')
        ORDER BY 1, 2`,
      );
    const [{ tables }]: { tables: string[] }[] = await t.dataSource.query(
      `SELECT array_agg(table_name::text) AS tables FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    /** thread_id -> threads, category_id -> categories, case_id -> flag_cases, board_id -> resource_boards. */
    const namesATable = (column: string) => {
      const stem = column.replace(/_id$/, '');
      const plural = stem.endsWith('y') ? `${stem.slice(0, -1)}ies` : `${stem}s`;
      return (
        column.endsWith('_id') && tables.some((table) => table === plural || table.endsWith(`_${plural}`))
      );
    };
    const people: string[] = [];
    const unclassified: string[] = [];
    for (const { table_name, column_name, references } of columns) {
      const key = `${table_name}.${column_name}`;
      if (references === 'users' || (references === null && PERSON_COLUMN.test(column_name)))
        people.push(key);
      else if (references === null && !namesATable(column_name) && !(key in NOT_A_MEMBER))
        unclassified.push(key);
    }
    return { people, unclassified };
  }

  /** The member-holding columns found in the database that are neither exported nor left out on purpose. */
  const unaccounted = (people: string[]) => people.filter((c) => !(c in EXPORTED) && !(c in NOT_EXPORTED));

  it('finds the member-holding tables in the database, and each one is either exported or left out for a stated reason', async () => {
    const { people, unclassified } = await memberColumns();
    // A uuid column the rules above cannot place: say whether it holds a member.
    expect(unclassified).toEqual([]);
    // The derivation really finds them (these are not the whole list, only a floor).
    expect(people).toEqual(
      expect.arrayContaining([
        'threads.author_id',
        'celebrations.author_id',
        'resource_saves.user_id',
        'appeals.appellant_id',
      ]),
    );
    expect(people.length).toBeGreaterThan(30);
    expect(unaccounted(people), 'member data neither exported nor listed in NOT_EXPORTED').toEqual([]);
    const listed = [...Object.keys(EXPORTED), ...Object.keys(NOT_EXPORTED)];
    expect(
      listed.filter((c) => !people.includes(c)),
      'listed above but no longer in the database',
    ).toEqual([]);
    for (const reason of Object.values(NOT_EXPORTED)) expect(reason.length).toBeGreaterThan(20);
  });

  it('a table added later that holds members is caught, with or without a foreign key', async () => {
    await t.dataSource.query(
      `CREATE TABLE zz_check_ins (id uuid PRIMARY KEY, user_id uuid REFERENCES users (id), mood text)`,
    );
    await t.dataSource.query(
      `CREATE TABLE zz_support_people (owner_id uuid, supporter_user_id uuid, note text)`,
    );
    try {
      const { people, unclassified } = await memberColumns();
      expect(unaccounted(people)).toEqual([
        'zz_check_ins.user_id',
        'zz_support_people.owner_id',
        'zz_support_people.supporter_user_id',
      ]);
      expect(unclassified).toEqual([]);
    } finally {
      await t.dataSource.query(`DROP TABLE zz_check_ins, zz_support_people`);
    }
  });
});
