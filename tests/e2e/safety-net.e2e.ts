import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/chrome.js';
import { Stack } from './support/stack.js';
import { CREATE_INVITE, PASSWORD, REGISTER, signIn } from './support/journey.js';

/**
 * The safety net in the browser: a member writes their plan with JavaScript off and downloads it,
 * asks a support person who accepts, presses Reach out on the help page, and the support person
 * (JavaScript on, already on a page) sees the unread badge change live and a neutral notification,
 * marks "I've reached out", and the member's log shows it.
 */
describe('the safety net in the browser', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start();
    const adminEmail = 'alex@program.example';
    const adminCode = await stack.createAdminInvite(adminEmail);
    const { register: admin } = await stack.gql<{ register: { token: string } }>(REGISTER, {
      input: { inviteCode: adminCode, email: adminEmail, password: PASSWORD, displayName: 'Alex Staff' },
    });
    for (const [email, displayName] of [
      ['river@example.org', 'River'],
      ['jess@example.org', 'Jess T'],
    ]) {
      const { createInvite } = await stack.gql<{ createInvite: { code: string } }>(
        CREATE_INVITE,
        {},
        admin.token,
      );
      await stack.gql(REGISTER, {
        input: { inviteCode: createInvite.code, email, password: PASSWORD, displayName },
      });
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('plan, people, Reach out, the live badge and "I\'ve reached out"', async () => {
    const member = await openBrowser({ javaScriptEnabled: false });
    const supporter = await openBrowser();
    try {
      // River writes a plan with JavaScript off.
      const river = await member.context.newPage();
      await signIn(river, stack, 'river@example.org');
      await river.goto(`${stack.webUrl}/milestones/plan`);
      await river.getByRole('heading', { level: 1, name: 'My plan for hard moments' }).waitFor();
      // Never saved yet: the crisis lines are already in "Professionals and services".
      expect(await river.getByLabel('5. Professionals and services').inputValue()).toContain(
        '988 Suicide and Crisis Lifeline',
      );
      await river.getByLabel('1. My warning signs').fill('Skipping meals\nStaying in bed past noon');
      await river.getByLabel('2. Things I can do on my own').fill('A walk round the block');
      await river.getByLabel('My reasons', { exact: true }).fill('My daughter');
      await river.getByRole('button', { name: 'Save my plan' }).click();
      await river.getByText('Your plan is saved. Only you can see it.').waitFor();
      await river.getByText('Staying in bed past noon').waitFor();

      mkdirSync('/tmp/shots', { recursive: true });
      await river.screenshot({ path: '/tmp/shots/plan.png', fullPage: false });

      // Printing gives a clean plan on one page: no header, navigation, buttons or footer.
      await river.emulateMedia({ media: 'print' });
      expect(await river.locator('.site-header').isVisible()).toBe(false);
      expect(await river.getByRole('button', { name: 'Reach out' }).isVisible()).toBe(false);
      await river.getByText('call or text 988', { exact: false }).first().waitFor();
      const printed = (await river.pdf({ format: 'Letter' })).toString('latin1');
      expect(printed.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
      await river.emulateMedia({ media: 'screen' });

      // The text version, downloaded with River's session.
      const download = await member.context.request.get(`${stack.webUrl}/milestones/plan.txt`);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-type']).toContain('text/plain');
      const text = await download.text();
      expect(text).toContain('1. My warning signs\n - Skipping meals\n - Staying in bed past noon');
      expect(text).toContain('My reasons\n - My daughter');
      const pdf = await member.context.request.get(`${stack.webUrl}/milestones/plan.pdf`);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

      // River asks Jess by display name.
      await river.goto(`${stack.webUrl}/milestones/people`);
      await river.getByLabel('Their display name').fill('Jess T');
      await river.getByRole('button', { name: 'Ask them' }).click();
      await river.getByText('You asked Jess T.').waitFor();
      await river.getByText('Asked, waiting for an answer').waitFor();

      // Jess accepts on her Supporting page (JavaScript on).
      const jess = await supporter.context.newPage();
      await signIn(jess, stack, 'jess@example.org');
      // She was told of the request (and not why River asked).
      await jess.getByRole('link', { name: 'Notifications, 1 unread' }).click();
      await jess.locator('main').getByText('River asked you to be one of their support people.').waitFor();
      await jess.goto(`${stack.webUrl}/milestones/supporting`);
      await jess.getByRole('button', { name: "Accept River's request" }).click();
      await jess.getByText('Thank you for saying yes.').waitFor();

      // Jess is on a page with the live stream open before River reaches out.
      const streamOpen = jess.waitForResponse(
        (r) => r.url().endsWith('/notifications/stream') && r.status() === 200,
      );
      await jess.goto(`${stack.webUrl}/`);
      await streamOpen;
      await jess.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
      let navigations = 0;
      jess.on('framenavigated', (frame) => {
        if (frame === jess.mainFrame()) navigations++;
      });

      // River's help page: their plan and Reach out above the public crisis lines.
      await river.goto(`${stack.webUrl}/help`);
      await river.getByRole('heading', { name: 'My plan for hard moments' }).waitFor();
      await river.getByText('Skipping meals').waitFor();
      const reachOut = river.getByRole('button', { name: 'Reach out' });
      const crisisLine = river.getByRole('heading', { name: '988 Suicide and Crisis Lifeline' });
      expect((await reachOut.boundingBox())!.y).toBeLessThan((await crisisLine.boundingBox())!.y);
      await reachOut.click();
      await river.getByText('Your people have been told you would like to talk.').waitFor();
      await river.screenshot({ path: '/tmp/shots/help.png', fullPage: true });
      expect(new URL(river.url()).pathname).toBe('/help');

      // Jess's badge changes without a reload, and the notification says nothing about why.
      await jess.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor({ timeout: 20_000 });
      expect(navigations).toBe(0);
      await jess.getByRole('link', { name: 'Notifications, 1 unread' }).click();
      await jess.waitForURL((url) => url.pathname === '/notifications');
      const notice = jess.locator('main').getByText('River would like to talk.');
      await notice.waitFor();
      await jess.locator('main').getByText('Reach out when you can.').waitFor();
      const inbox = (await jess.locator('main').textContent()) ?? '';
      for (const secret of ['Skipping meals', 'Staying in bed', 'My daughter', 'A walk round the block']) {
        expect(inbox).not.toContain(secret);
      }

      // Jess marks it on her Supporting page; River's log shows it answered.
      await jess.goto(`${stack.webUrl}/milestones/supporting`);
      await jess.getByText('River would like to talk').waitFor();
      await jess.screenshot({ path: '/tmp/shots/supporting.png', fullPage: true });
      await jess.getByRole('button', { name: "I've reached out" }).click();
      await jess.getByText('Thank you for reaching out.').waitFor();
      expect(await jess.getByRole('button', { name: "I've reached out" }).count()).toBe(0);

      await river.goto(`${stack.webUrl}/milestones/people`);
      await river.getByText('Jess T reached out').waitFor();
      await river.getByText('One of my people').waitFor();
      await river.screenshot({ path: '/tmp/shots/people.png', fullPage: true });
    } finally {
      await member.close();
      await supporter.close();
    }
  });
});
