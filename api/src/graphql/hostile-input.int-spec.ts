import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../test/harness';
import { invite, Member, PASSWORD } from '../../test/factories';
import { startCommunity } from '../../test/community';

const HOUR = 3600_000;
const CREATE_THREAD = `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { id thread { id title } } } }`;
const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id bio pronouns } }`;
const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token } }`;
const REPLY = `mutation($input: ReplyInput!) { reply(input: $input) { post { id } } }`;
const CREATE_EVENT = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id title address } }`;
const CREATE_BOARD = `mutation($input: CreateResourceBoardInput!) { createResourceBoard(input: $input) { id } }`;
const CREATE_RESOURCE = `mutation($input: CreateResourceInput!) { createResource(input: $input) { id title organization } }`;
const SEARCH = `query($q: String!) { search(query: $q, first: 5) { edges { node { id } } } }`;
const RESOURCES = `query($q: String) { resources(query: $q, first: 5) { edges { node { id } } } }`;

/** Hostile text in every input others will read: NUL bytes refused by name, invisible formatting removed. */
describe('hostile text input', () => {
  let t: TestHarness;
  let admin: Member;
  let member: Member;
  let categoryId: string;
  let boardId: string;

  beforeAll(async () => {
    ({ t, admin, members: [member], categoryId } = await startCommunity({ members: 1, category: true }));
    boardId = (await t.ok<{ createResourceBoard: { id: string } }>(CREATE_BOARD, { input: { name: 'Jobs nearby' } }, admin.token)).createResourceBoard.id;
  });
  afterAll(() => t?.stop());

  const event = (title: string, extra: Record<string, unknown> = {}) => ({
    title,
    description: 'Easy pace.',
    kind: 'OUTDOORS',
    startsAt: new Date(Date.now() + 72 * HOUR).toISOString(),
    endsAt: new Date(Date.now() + 75 * HOUR).toISOString(),
    timeZone: 'America/Chicago',
    address: 'Bluff Trail parking lot',
    ...extra,
  });

  describe('a NUL character is refused as bad input naming the field, never a server error', () => {
    const cases: [string, string, () => Record<string, unknown>, string][] = [
      ['thread title', CREATE_THREAD, () => ({ input: { categoryId, title: 'Hello\u0000there', body: 'Fine.' } }), 'title'],
      ['post body', CREATE_THREAD, () => ({ input: { categoryId, title: 'Hello there', body: 'Fine\u0000.' } }), 'body'],
      ['bio', UPDATE_PROFILE, () => ({ input: { bio: 'About\u0000me' } }), 'bio'],
      ['event title', CREATE_EVENT, () => ({ input: event('Hike\u0000 day') }), 'title'],
      ['resource title', CREATE_RESOURCE, () => ({ input: { boardId, title: 'Line\u0000cook', organization: 'Diner', description: 'Evenings.' } }), 'title'],
      ['search query', SEARCH, () => ({ q: 'walk\u0000' }), 'query'],
      ['resources query', RESOURCES, () => ({ q: 'cook\u0000' }), 'query'],
    ];
    for (const [what, operation, variables, field] of cases) {
      it(what, async () => {
        const error = errorOf(await t.gql(operation, variables(), member.token));
        expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
        expect(error.message).toMatch(/cannot contain a NUL character/);
      });
    }
  });

  describe('bidi overrides and zero-width characters are removed from text others see', () => {
    const spoof = 'Title Hello\u202Egnp.exe probe\u200B\u2066\u2069';
    const clean = 'Title Hellognp.exe probe';

    it('thread titles', async () => {
      const { createThread } = await t.ok<{ createThread: { post: { thread: { title: string } } } }>(
        CREATE_THREAD,
        { input: { categoryId, title: spoof, body: 'Body.' } },
        member.token,
      );
      expect(createThread.post.thread.title).toBe(clean);
    });

    it('bios and pronouns, keeping the joiners that emoji and Persian words need', async () => {
      const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
      const persian = '\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645';
      const { updateProfile } = await t.ok<{ updateProfile: { bio: string; pronouns: string } }>(
        UPDATE_PROFILE,
        { input: { bio: `${spoof} ${family} ${persian}\u200D`, pronouns: '\u202Ethey/them' } },
        member.token,
      );
      expect(updateProfile).toEqual({ id: member.id, bio: `${clean} ${family} ${persian}`, pronouns: 'they/them' });
    });

    it('event titles and addresses', async () => {
      const { createEvent } = await t.ok<{ createEvent: { title: string; address: string } }>(
        CREATE_EVENT,
        { input: event(spoof, { address: '\u202E1 Main St\u200B' }) },
        admin.token,
      );
      expect(createEvent).toMatchObject({ title: clean, address: '1 Main St' });
    });

    it('resource titles and organisations', async () => {
      const { createResource } = await t.ok<{ createResource: { title: string; organization: string } }>(
        CREATE_RESOURCE,
        { input: { boardId, title: spoof, organization: 'Diner\uFEFF\u2067', description: 'Evenings.' } },
        admin.token,
      );
      expect(createResource).toMatchObject({ title: clean, organization: 'Diner' });
    });

    it('a title made only of invisible characters is refused as empty', async () => {
      expect(errorOf(await t.gql(CREATE_THREAD, { input: { categoryId, title: '\u202E\u200B\u2066\u2069\u200B', body: 'Body.' } }, member.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'title',
      });
    });
  });

  describe('odd text is refused with an error naming the field, and nothing is stored', () => {
    /** Rows that a refused write must not leave behind. */
    const counts = async () =>
      (
        await t.dataSource.query<Record<string, number>[]>(
          `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM threads) AS threads,
                  (SELECT count(*)::int FROM posts) AS posts, (SELECT count(*)::int FROM drafts) AS drafts,
                  (SELECT count(*)::int FROM outbox) AS outbox`,
        )
      )[0];
    const refused = async (operation: string, variables: Record<string, unknown>, field: string, message: RegExp, token?: string) => {
      const before = await counts();
      const error = errorOf(await t.gql(operation, variables, token));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(error.message).toMatch(message);
      expect(await counts()).toEqual(before);
    };

    const oddNames: [string, string][] = [
      ['a lone high surrogate', 'Sam\uD800'],
      ['a lone low surrogate', '\uDC00Sam'],
      ['a right-to-left override (U+202E)', 'Sam\u202Egnp'],
      ['a zero-width space (U+200B)', 'Sam\u200Bwise'],
      ['a zero-width joiner (U+200D)', 'Sam\u200Dwise'],
      ['a zero-width non-joiner (U+200C)', 'Sam\u200Cwise'],
      ['a word joiner (U+2060)', 'Sam\u2060wise'],
      ['a byte-order mark (U+FEFF)', 'Sam\uFEFFwise'],
    ];
    for (const [what, displayName] of oddNames) {
      it(`a display name with ${what}, at registration and on the profile`, async () => {
        const code = await invite(t, admin);
        const email = `odd-${Math.random().toString(36).slice(2)}@example.org`;
        await refused(REGISTER, { input: { inviteCode: code, email, password: PASSWORD, displayName } }, 'displayName', /^Display name /);
        // The invite was not spent on the refused attempt.
        expect(await t.ok(REGISTER, { input: { inviteCode: code, email, password: PASSWORD, displayName: `Ok${Date.now()}` } })).toMatchObject({
          register: { token: expect.any(String) },
        });
        await refused(UPDATE_PROFILE, { input: { displayName } }, 'displayName', /^Display name /, member.token);
        const [row]: { display_name: string }[] = await t.dataSource.query(`SELECT display_name FROM users WHERE id = $1`, [member.id]);
        expect(row.display_name).toBe(member.displayName);
      });
    }

    it('a thread title or post body with a lone surrogate (PostgreSQL would silently store U+FFFD)', async () => {
      for (const title of ['Hello \uD800 there', 'Trailing half \uDBFF', '\uDFFF leading half']) {
        await refused(CREATE_THREAD, { input: { categoryId, title, body: 'Body.' } }, 'title', /^Title contains a broken character/, member.token);
      }
      // Every argument is checked, not only the cleaned fields: a post body too.
      await refused(CREATE_THREAD, { input: { categoryId, title: 'A fine title', body: 'Broken \uD800 body' } }, 'body', /^Body contains a broken character/, member.token);
      // A whole pair (an emoji) is ordinary text.
      const { createThread } = await t.ok<{ createThread: { post: { thread: { title: string } } } }>(
        CREATE_THREAD,
        { input: { categoryId, title: 'Good day \u{1F33F}', body: 'Body.' } },
        member.token,
      );
      expect(createThread.post.thread.title).toBe('Good day \u{1F33F}');
    });

    it('a 10,000-character thread title', async () => {
      await refused(CREATE_THREAD, { input: { categoryId, title: 'x'.repeat(10_000), body: 'Body.' } }, 'title', /^Title must be between 3 and 150 characters/, member.token);
    });

    it('a 1 MB post body, in a new thread and in a reply: refused unread, in the GraphQL error shape, saying what the limits are', async () => {
      const body = 'I am doing well. '.repeat(Math.ceil(1_048_576 / 17)).slice(0, 1_048_576);
      const { createThread } = await t.ok<{ createThread: { post: { thread: { id: string } } } }>(
        CREATE_THREAD,
        { input: { categoryId, title: 'Short and sweet', body: 'Hello.' } },
        member.token,
      );
      const before = await counts();
      for (const [query, input] of [
        [CREATE_THREAD, { categoryId, title: 'A long one', body }],
        [REPLY, { threadId: createThread.post.thread.id, body }],
      ] as const) {
        const res = await t
          .http()
          .post('/graphql')
          .set('Content-Type', 'application/json')
          .set('Authorization', `Bearer ${member.token}`)
          .send({ query, variables: { input } });
        expect(res.status).toBe(413);
        expect(res.body.errors[0]).toMatchObject({
          message: expect.stringMatching(/too large: Kinship accepts up to 100kb at once, and a post up to 20,000 characters/),
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      expect(await counts()).toEqual(before);
      // Just under the limit, the body itself is refused by name (20,000 characters at most).
      await refused(CREATE_THREAD, { input: { categoryId, title: 'A long one', body: body.slice(0, 90_000) } }, 'body', /^Body can be at most 20,000 characters/, member.token);
    });
  });
});
