import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/chrome.js';
import { Stack } from './support/stack.js';
import { CREATE_INVITE, PASSWORD, REGISTER, signIn } from './support/journey.js';

const CREATE_CATEGORY = `mutation($name: String!) { createCategory(input: { name: $name }) { id } }`;
const CREATE_THREAD = `mutation($input: CreateThreadInput!) {
  createThread(input: $input) { post { id thread { id } } }
}`;

describe('discussions in the browser', () => {
  let stack: Stack;
  const memberEmail = 'jess@example.org';
  let eveningsThread: string;
  let weddingThread: string;
  let quietThread: string;
  let plainThread: string;

  beforeAll(async () => {
    stack = await Stack.start({ PREMOD_FIRST_POSTS: '0' });
    // An admin, a category and two members, all through the public API.
    const adminEmail = 'alex@program.example';
    const adminCode = await stack.createAdminInvite(adminEmail);
    const { register: admin } = await stack.gql<{ register: { token: string } }>(REGISTER, {
      input: { inviteCode: adminCode, email: adminEmail, password: PASSWORD, displayName: 'Alex Staff' },
    });
    const { createCategory } = await stack.gql<{ createCategory: { id: string } }>(
      CREATE_CATEGORY,
      { name: 'Daily check-in' },
      admin.token,
    );
    const member = async (email: string, displayName: string) => {
      const { createInvite } = await stack.gql<{ createInvite: { code: string } }>(
        CREATE_INVITE,
        {},
        admin.token,
      );
      const { register } = await stack.gql<{ register: { token: string } }>(REGISTER, {
        input: { inviteCode: createInvite.code, email, password: PASSWORD, displayName },
      });
      return register.token;
    };
    const river = await member('river@example.org', 'River');
    await member(memberEmail, 'Jess T');

    const thread = async (title: string, body: string, topics: string[] = []) => {
      const { createThread } = await stack.gql<{ createThread: { post: { thread: { id: string } } } }>(
        CREATE_THREAD,
        { input: { categoryId: createCategory.id, title, body, topics } },
        river,
      );
      return `${stack.webUrl}/threads/${createThread.post.thread.id}`;
    };
    eveningsThread = await thread(
      'Evenings in the first month',
      'The evenings are the hardest part for me right now. What helps you get through them?',
    );
    weddingThread = await thread(
      'A wedding with an open bar',
      "My cousin's wedding is next week and there will be an open bar. I want to go and stay steady.",
      ['ALCOHOL'],
    );
    quietThread = await thread('Quiet Sunday check-in', 'How is everyone doing this Sunday?');
    plainThread = await thread('Small wins this week', 'I made my bed every day this week.');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a member reacts, quote-replies, edits, finds their reply by search, and folds away a topic', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await signIn(page, stack, memberEmail);

      // Reacts to River's opening post: the count shows 1 and the button is pressed.
      await page.goto(eveningsThread, { waitUntil: 'networkidle' });
      const opening = page.locator('#post-1');
      await opening.getByRole('button', { name: 'Support', exact: true }).click();
      const support = opening.getByRole('button', { name: 'Support 1' });
      await support.waitFor();
      expect(await support.getAttribute('aria-pressed')).toBe('true');
      await page.getByTestId('live-region').getByText('You sent support to River.').waitFor();

      // Quote-replies to it.
      await opening.getByRole('link', { name: "Reply with quote to River's post" }).click();
      await page.getByText("Replying to River's post.").waitFor();
      await page.getByLabel('Your reply').fill('Walking to the lighthouse after dinner helps me.');
      await page.getByRole('button', { name: 'Post reply' }).click();
      await page.waitForURL(/#post-2$/);
      const reply = page.locator('#post-2');
      await reply.getByText('Walking to the lighthouse after dinner helps me.').waitFor();
      await reply.getByRole('link', { name: "River's post" }).waitFor();
      await reply.getByText('The evenings are the hardest part for me right now.').waitFor();

      // Edits the reply; the new text shows in the thread.
      await reply.getByRole('link', { name: 'Edit your post 2' }).click();
      await page.getByRole('heading', { name: 'Edit your post' }).waitFor();
      await page
        .getByLabel('Your post')
        .fill('Walking to the lighthouse after dinner helps me. A mug of peppermint tea after that, too.');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForURL(/\/threads\/[0-9a-f-]{36}\?at=1#post-2$/);
      await page.locator('#post-2').getByText('A mug of peppermint tea after that, too.').waitFor();

      // Searches for a word from the reply (from the header) and follows the result to it.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
      await page.getByLabel('Search posts and thread titles').fill('peppermint');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.waitForURL(
        (url) => url.pathname === '/search' && url.searchParams.get('q') === 'peppermint',
      );
      const result = page.getByRole('link', { name: 'Evenings in the first month' });
      expect(await result.getAttribute('href')).toMatch(/^\/threads\/[0-9a-f-]{36}\?at=2#post-2$/);
      expect(await page.locator('.snippet mark').first().textContent()).toBe('peppermint');
      await result.click();
      await page.waitForURL(/#post-2$/);
      await page.locator('#post-2').getByText('A mug of peppermint tea after that, too.').waitFor();

      // Chooses to fold away posts about alcohol.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page
        .getByRole('navigation', { name: 'Settings' })
        .getByRole('link', { name: 'Topic filters' })
        .click();
      await page.getByRole('checkbox', { name: 'Alcohol' }).check();
      await page.getByRole('button', { name: 'Save filters' }).click();
      await page.getByText('Saved. Posts about alcohol will arrive folded away.').waitFor();

      // A post tagged Alcohol now arrives folded behind a "show" control, and opens on request.
      await page.goto(weddingThread, { waitUntil: 'networkidle' });
      const wedding = page.locator('#post-1');
      const summary = wedding.locator('summary', { hasText: 'Contains a topic you chose to hide: Alcohol.' });
      await summary.waitFor();
      const body = wedding.getByText("My cousin's wedding is next week");
      expect(await body.isVisible()).toBe(false);
      await summary.getByText('Show post').click();
      await body.waitFor({ state: 'visible' });
    } finally {
      await browser.close();
    }
  });

  it('watches a thread, keeps a half-written reply as a draft, and shows crisis support after a post that reads as a crisis', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await signIn(page, stack, memberEmail);
      await page.goto(quietThread, { waitUntil: 'networkidle' });

      // Watching is a toggle that keeps focus and says what changed, each time.
      const live = page.getByTestId('live-region');
      await page.getByRole('button', { name: 'Watch this thread' }).click();
      await live.getByText("You're watching this thread. You'll be notified of replies.").waitFor();
      await page.getByText("Watching: you'll be notified of replies.").waitFor();
      await page.getByRole('button', { name: 'Stop watching' }).click();
      await live.getByText('You stopped watching this thread.').waitFor();
      await page.getByRole('button', { name: 'Watch this thread' }).waitFor();

      await page.getByLabel('Your reply').fill('Still thinking about what to say here');
      await page.getByText('Draft saved.').waitFor();
      await page.reload({ waitUntil: 'networkidle' });
      expect(await page.getByLabel('Your reply').inputValue()).toBe('Still thinking about what to say here');
      await page.getByText('We kept your draft from last time.').waitFor();

      await page.getByLabel('Your reply').fill('Honestly I want to end it all tonight.');
      await page.getByRole('button', { name: 'Post reply' }).click();
      const panel = page.getByRole('region', { name: "You're not alone" });
      await panel.waitFor();
      await panel.getByText('988', { exact: false }).first().waitFor();
      await panel.getByRole('link', { name: 'Go to your reply' }).click();
      await page.waitForURL(/#post-2$/);

      // Posting dropped the draft: the reply box is empty after a reload.
      await page.reload({ waitUntil: 'networkidle' });
      expect(await page.getByLabel('Your reply').inputValue()).toBe('');
    } finally {
      await browser.close();
    }
  });

  it('reacts and deletes through plain HTML forms with JavaScript disabled', async () => {
    const browser = await openBrowser({ javaScriptEnabled: false });
    try {
      const page = await browser.context.newPage();
      await signIn(page, stack, memberEmail);
      await page.goto(plainThread, { waitUntil: 'networkidle' });

      await page.locator('#post-1').getByRole('button', { name: 'Hug', exact: true }).click();
      await page.waitForURL(/#post-1$/);
      expect(
        await page.locator('#post-1').getByRole('button', { name: 'Hug 1' }).getAttribute('aria-pressed'),
      ).toBe('true');

      await page.getByLabel('Your reply').fill('This one I will take back.');
      await page.getByRole('button', { name: 'Post reply' }).click();
      await page.waitForURL(/#post-2$/);
      await page.locator('#post-2').getByRole('link', { name: 'Delete your post 2' }).click();
      await page.getByRole('heading', { name: 'Delete this post?' }).waitFor();
      await page.getByText("This can't be undone.", { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Delete post' }).click();
      await page.waitForURL((url) => url.hash === '#post-2' && !url.search.includes('confirmDelete'));
      await page.locator('#post-2').getByText('This post was deleted by its author.').waitFor();
      expect(await page.locator('#post-2').getByText('This one I will take back.').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
