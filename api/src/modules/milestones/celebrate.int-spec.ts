import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { createMember, Member } from '../../../test/factories';
import { startCommunity } from '../../../test/community';

const CELEBRATE = `mutation($input: CelebrateInput!) { celebrate(input: $input) { id title replies { id } } }`;

describe('celebrate', () => {
  let t: TestHarness;
  let admin: Member;

  beforeAll(async () => {
    ({ t, admin } = await startCommunity());
  });
  afterAll(() => t?.stop());

  const wallThreads = async (author: Member): Promise<number> => {
    const [{ n }]: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM threads t JOIN categories c ON c.id = t.category_id
        WHERE c.slug = 'milestone-wall' AND t.author_id = $1`,
      [author.id],
    );
    return n;
  };

  it('writes the wall thread and its celebration together, or neither', async () => {
    const member = await createMember(t, admin);
    const input = { title: 'Ninety days of early mornings', body: 'Up at six, every day.' };

    // The celebration row fails after its thread and post were written.
    await t.dataSource.query(`
      CREATE FUNCTION refuse_celebration() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'celebrations refused for this test'; END $$;
      CREATE TRIGGER refuse_celebration BEFORE INSERT ON celebrations
        FOR EACH ROW EXECUTE FUNCTION refuse_celebration();`);
    try {
      expect(errorOf(await t.gql(CELEBRATE, { input }, member.token)).code).toBe('INTERNAL_SERVER_ERROR');
      expect(await wallThreads(member)).toBe(0);
      const [{ n }]: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM posts WHERE author_id = $1`, [member.id]);
      expect(n).toBe(0);
    } finally {
      await t.dataSource.query(`DROP TRIGGER refuse_celebration ON celebrations; DROP FUNCTION refuse_celebration()`);
    }

    const { celebrate } = await t.ok<{ celebrate: { id: string; title: string } }>(CELEBRATE, { input }, member.token);
    expect(celebrate.title).toBe(input.title);
    expect(await wallThreads(member)).toBe(1);
  });
});
