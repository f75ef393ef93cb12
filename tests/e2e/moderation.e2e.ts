import type { BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/chrome.js';
import { Stack } from './support/stack.js';
import { PASSWORD, REGISTER, signIn } from './support/journey.js';

const CREATE_INVITE = `mutation($role: Role!) { createInvite(input: { role: $role }) { code } }`;
const CREATE_CATEGORY = `mutation($name: String!) { createCategory(input: { name: $name }) { id } }`;
const CREATE_THREAD = `mutation($input: CreateThreadInput!) {
  createThread(input: $input) { post { id thread { id } } }
}`;
const REPLY = `mutation($input: ReplyInput!) { reply(input: $input) { post { id position } safetyResources { name } } }`;

const SELLING = 'Message me privately to buy my supplements, they replace any program.';

/** One member in their own browser, signed in; closed by the caller. */
async function as(stack: Stack, email: string, options: BrowserContextOptions = {}) {
  const browser = await openBrowser(options);
  const page = await browser.context.newPage();
  await signIn(page, stack, email);
  return { page, close: browser.close };
}

describe('moderation in the browser', () => {
  let stack: Stack;
  let threadUrl: string;
  let userIds: Record<string, string>;
  const emails = {
    river: 'river@example.org',
    jess: 'jess@example.org',
    sam: 'sam@example.org',
    lee: 'lee@example.org',
    pat: 'pat@example.org',
    dana: 'dana@example.org',
    morgan: 'morgan@program.example',
    casey: 'casey@program.example',
  };

  beforeAll(async () => {
    // Many people sign in from one address here; the sign-in rate limit has its own api tests.
    stack = await Stack.start({ PREMOD_FIRST_POSTS: '0', AUTH_RATE_LIMIT_PER_IP: '1000' });
    // An admin, two moderators, a category and six members, all through the public API.
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
    const tokens: Record<string, string> = {};
    userIds = {};
    const person = async (key: keyof typeof emails, displayName: string, role = 'MEMBER') => {
      const { createInvite } = await stack.gql<{ createInvite: { code: string } }>(
        CREATE_INVITE,
        { role },
        admin.token,
      );
      const { register } = await stack.gql<{ register: { token: string; user: { id: string } } }>(REGISTER, {
        input: { inviteCode: createInvite.code, email: emails[key], password: PASSWORD, displayName },
      });
      tokens[key] = register.token;
      userIds[key] = register.user.id;
    };
    await person('river', 'River');
    await person('jess', 'Jess T');
    await person('sam', 'Sam');
    await person('lee', 'Lee');
    await person('pat', 'Pat');
    await person('dana', 'Dana');
    await person('morgan', 'Morgan', 'MODERATOR');
    await person('casey', 'Casey', 'MODERATOR');

    const { createThread } = await stack.gql<{ createThread: { post: { thread: { id: string } } } }>(
      CREATE_THREAD,
      {
        input: {
          categoryId: createCategory.id,
          title: 'Evening walks',
          body: 'Where do you like to walk after dinner?',
        },
      },
      tokens.pat,
    );
    const threadId = createThread.post.thread.id;
    threadUrl = `${stack.webUrl}/threads/${threadId}`;
    await stack.gql(REPLY, { input: { threadId, body: SELLING } }, tokens.river);
    // A reply that reads as a crisis opens a CRISIS case (for the second journey).
    const { reply } = await stack.gql<{ reply: { safetyResources: unknown[] } }>(
      REPLY,
      { input: { threadId, body: 'Honestly I want to end it all tonight.' } },
      tokens.dana,
    );
    expect(reply.safetyResources.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('three members flag a post, it is hidden, a moderator removes it, the author appeals, another moderator upholds it', async () => {
    // Jess flags it as "Something else" and is asked for a note, inline, before it goes through.
    const jess = await as(stack, emails.jess);
    try {
      await jess.page.goto(threadUrl);
      await jess.page.getByRole('link', { name: "Flag River's post 2" }).click();
      const panel = jess.page.getByRole('region', { name: "Flag River's post" });
      await panel.waitFor();
      await panel
        .getByRole('radio', {
          name: 'This person may need support (a moderator will check in; nothing is hidden)',
        })
        .waitFor();
      await panel.getByRole('radio', { name: 'Something else' }).check();
      await panel.getByRole('button', { name: 'Send flag' }).click();
      const note = panel.getByRole('textbox', { name: 'Note for the moderators (optional)' });
      await panel.getByText('Please add a short note', { exact: false }).waitFor();
      expect(await note.getAttribute('aria-invalid')).toBe('true');
      await note.fill('Selling supplements to members.');
      await panel.getByRole('button', { name: 'Send flag' }).click();
      await jess.page
        .getByText("Thank you. A moderator will look at this. The author won't know who flagged it.")
        .waitFor();
    } finally {
      await jess.close();
    }

    // Sam flags it as spam.
    const sam = await as(stack, emails.sam);
    try {
      await sam.page.goto(threadUrl);
      await sam.page.getByRole('link', { name: "Flag River's post 2" }).click();
      await sam.page.getByRole('radio', { name: 'Spam or solicitation' }).check();
      await sam.page.getByRole('button', { name: 'Send flag' }).click();
      await sam.page
        .getByText("Thank you. A moderator will look at this. The author won't know who flagged it.")
        .waitFor();
    } finally {
      await sam.close();
    }

    // Lee flags it with JavaScript off: the flag form is a plain HTML form. Theirs is the third
    // flag, so the post is hidden at once and the thanks shows above the posts.
    const lee = await as(stack, emails.lee, { javaScriptEnabled: false });
    try {
      await lee.page.goto(threadUrl);
      await lee.page.getByRole('link', { name: "Flag River's post 2" }).click();
      await lee.page.waitForURL((url) => url.searchParams.has('flag'));
      await lee.page.getByRole('radio', { name: 'Spam or solicitation' }).check();
      await lee.page.getByRole('button', { name: 'Send flag' }).click();
      await lee.page.waitForURL((url) => url.searchParams.has('flagged'));
      await lee.page
        .getByText("Thank you. A moderator will look at this. The author won't know who flagged it.")
        .waitFor();
      expect(await lee.page.getByText(SELLING).count()).toBe(0);
    } finally {
      await lee.close();
    }

    // Pat, a fourth member, no longer sees it.
    const pat = await as(stack, emails.pat);
    try {
      await pat.page.goto(threadUrl);
      await pat.page.getByText('Where do you like to walk after dinner?').waitFor();
      expect(await pat.page.getByText(SELLING).count()).toBe(0);
    } finally {
      await pat.close();
    }

    // Morgan, a moderator, finds the case in the queue and removes the post with a reason.
    const reason = 'Selling products is not allowed in Kinship.';
    const morgan = await as(stack, emails.morgan);
    try {
      await morgan.page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Moderation' })
        .click();
      await morgan.page.getByRole('heading', { name: 'Moderation queue', level: 1 }).waitFor();
      // The crisis case comes first.
      const cases = morgan.page.getByRole('list', { name: 'Cases' }).getByRole('article');
      expect(await cases.first().getByText('May be in crisis').count()).toBe(1);
      const card = morgan.page.getByRole('article', { name: "River's post in “Evening walks”" });
      await card.getByText('Spam or solicitation').waitFor();
      await card.getByText('Selling supplements to members.').waitFor();
      await card.getByText(SELLING).waitFor();
      await card.getByText('Hidden from members').waitFor();
      // Removing needs a reason: without one, the field says so.
      await card.getByRole('button', { name: 'Remove post' }).click();
      const reasonField = card.getByRole('textbox', { name: 'Reason for the author' });
      await card.getByText('Please give a reason: the member will be told it.').waitFor();
      expect(await reasonField.getAttribute('aria-invalid')).toBe('true');
      await reasonField.fill(reason);
      await card.getByRole('button', { name: 'Remove post' }).click();
      await morgan.page
        .getByText('The post is removed. Its author has been told your reason and can appeal.')
        .waitFor();
      expect(
        await morgan.page.getByRole('article', { name: "River's post in “Evening walks”" }).count(),
      ).toBe(0);

      // The log has it.
      await morgan.page
        .getByRole('navigation', { name: 'Moderation' })
        .getByRole('link', { name: 'Log' })
        .click();
      const entry = morgan.page.getByRole('list', { name: 'Log entries' }).getByRole('listitem').first();
      await entry.getByText('Removed', { exact: true }).waitFor();
      await entry.getByText('By Morgan').waitFor();
      await entry.getByText(reason).waitFor();
    } finally {
      await morgan.close();
    }

    // River sees why on the post, and appeals.
    const river = await as(stack, emails.river);
    try {
      await river.page.goto(threadUrl);
      const post = river.page.locator('#post-2');
      await post.getByText('A moderator removed this post.', { exact: false }).waitFor();
      await post.getByText(reason).waitFor();
      await post.getByRole('link', { name: 'Appeal this decision' }).click();
      await river.page.waitForURL((url) => url.pathname === '/appeals/new' && url.searchParams.has('action'));
      await river.page
        .getByText('A different moderator from the one who made the decision', { exact: false })
        .waitFor();
      await river.page
        .getByLabel('Why should this decision be looked at again?')
        .fill('I was sharing what helped me, not selling anything. I will remove the offer.');
      await river.page.getByRole('button', { name: 'Send appeal' }).click();
      await river.page.waitForURL((url) => url.pathname === '/appeals');
      await river.page.getByText('Your appeal is sent.', { exact: false }).waitFor();
      await river.page.getByText('Waiting for a moderator').waitFor();
    } finally {
      await river.close();
    }

    // Morgan made the decision, so Morgan cannot decide the appeal.
    const morganAgain = await as(stack, emails.morgan);
    try {
      await morganAgain.page.goto(`${stack.webUrl}/moderation/appeals`);
      const appeal = morganAgain.page.getByRole('article', { name: "River's appeal" });
      await appeal.getByText('A different moderator must decide an appeal of your own decision.').waitFor();
      expect(await appeal.getByRole('button', { name: 'Uphold: undo the decision' }).count()).toBe(0);
    } finally {
      await morganAgain.close();
    }

    // Casey, another moderator, upholds it on the appeals page.
    const casey = await as(stack, emails.casey);
    try {
      await casey.page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Moderation' })
        .click();
      await casey.page
        .getByRole('navigation', { name: 'Moderation' })
        .getByRole('link', { name: 'Appeals' })
        .click();
      const appeal = casey.page.getByRole('article', { name: "River's appeal" });
      await appeal.getByText('I was sharing what helped me', { exact: false }).waitFor();
      await appeal.getByText(reason).waitFor();
      await appeal
        .getByRole('textbox', { name: 'Reason for your decision' })
        .fill('Fair enough: the offer is gone.');
      await appeal.getByRole('button', { name: 'Uphold: undo the decision' }).click();
      await casey.page.getByText('Appeal upheld.', { exact: false }).waitFor();
      await casey.page.getByText('No appeals are waiting.', { exact: false }).waitFor();
    } finally {
      await casey.close();
    }

    // The post is back for Pat.
    const patAgain = await as(stack, emails.pat);
    try {
      await patAgain.page.goto(threadUrl);
      await patAgain.page.locator('#post-2').getByText(SELLING).waitFor();
    } finally {
      await patAgain.close();
    }

    // And River's appeals list says so, with the reason.
    const riverAgain = await as(stack, emails.river);
    try {
      await riverAgain.page.goto(`${stack.webUrl}/appeals`);
      await riverAgain.page.getByText('Upheld: the decision was undone').waitFor();
      await riverAgain.page.getByText('Fair enough: the offer is gone.').waitFor();
    } finally {
      await riverAgain.close();
    }
  });

  it('a moderator takes a crisis case, and a suspended member sees a calm page instead of the app', async () => {
    // Sam is signed in when the suspension comes.
    const sam = await as(stack, emails.sam);
    const morgan = await as(stack, emails.morgan);
    try {
      await morgan.page.goto(`${stack.webUrl}/moderation`);
      const crisis = morgan.page.getByRole('article', { name: "Dana's post in “Evening walks”" });
      await crisis.getByText('May be in crisis').waitFor();
      expect(await crisis.getAttribute('class')).toContain('case-crisis');
      await crisis.getByRole('button', { name: "I'm on it" }).click();
      await morgan.page.getByText("You've taken the case.", { exact: false }).waitFor();
      await morgan.page
        .getByRole('article', { name: "Dana's post in “Evening walks”" })
        .getByText('Morgan', { exact: false })
        .waitFor();

      // Suspends Sam from their moderation history page (the end time is filled in: a week from now).
      await morgan.page.goto(`${stack.webUrl}/moderation/members/${userIds.sam}`);
      await morgan.page.getByRole('heading', { name: 'Sam: moderation history' }).waitFor();
      await morgan.page.getByText('Suspend Sam…').click();
      await morgan.page
        .getByRole('textbox', { name: 'Reason for the suspension' })
        .fill('Repeated spam after a warning.');
      await morgan.page.getByRole('button', { name: 'Suspend Sam' }).click();
      await morgan.page.getByText('Suspended. They have been told your reason and until when.').waitFor();
      await morgan.page.getByText('Suspended until', { exact: false }).first().waitFor();
    } finally {
      await morgan.close();
    }

    try {
      // Sam's next page is the calm suspension page, not an error.
      const page = sam.page;
      await page.goto(threadUrl);
      await page.waitForURL((url) => url.pathname === '/suspended');
      await page.getByRole('heading', { name: 'Your account is suspended for now', level: 1 }).waitFor();
      await page.getByText('A moderator has suspended your account until', { exact: false }).waitFor();
      await page.getByRole('link', { name: 'Need help now?' }).first().waitFor();
      // Signing out works, and signing in again says the same thing calmly.
      await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/signin');
      await page.waitForLoadState('networkidle');
      await page.getByLabel('Email').fill(emails.sam);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Your account is suspended for now' }).waitFor();
      await page.getByText('A moderator has suspended your account until', { exact: false }).waitFor();
      expect(await page.getByText('Something needs another look').count()).toBe(0);
    } finally {
      await sam.close();
    }

    // A member who is not a moderator is told the moderation pages are not for them.
    const pat = await as(stack, emails.pat);
    try {
      const response = await pat.page.goto(`${stack.webUrl}/moderation`);
      expect(response?.status()).toBe(403);
      await pat.page.getByRole('heading', { name: "This page isn't open to you" }).waitFor();
      expect(
        await pat.page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: 'Moderation' })
          .count(),
      ).toBe(0);
    } finally {
      await pat.close();
    }
  });
});
