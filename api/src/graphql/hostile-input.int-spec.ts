import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../test/harness';
import { createAdmin, createCategory, createMember, Member } from '../../test/factories';

const HOUR = 3600_000;
const CREATE_THREAD = `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { id thread { id title } } } }`;
const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id bio pronouns } }`;
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
    t = await TestHarness.start();
    admin = await createAdmin(t);
    member = await createMember(t, admin);
    categoryId = await createCategory(t, admin);
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
});
