import type { Page } from 'playwright-core';
import type { Stack } from './stack.js';

/** The password every journey's members use. */
export const PASSWORD = 'a-long-enough-password';

export const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`;
export const CREATE_INVITE = `mutation { createInvite(input: {}) { code } }`;

/**
 * Signs in through the form. Waits for the page's scripts first and for the next page to settle
 * after. On a busy machine hydration can still clear what was typed a moment too early (a rough
 * edge of the pages, not yet fixed); the form then comes back asking for the email, and one more
 * try is what a person would do too.
 */
export async function signIn(page: Page, stack: Stack, email: string, password = PASSWORD): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.goto(`${stack.webUrl}/signin`, { waitUntil: 'networkidle' });
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    try {
      await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 10_000 });
      await page.waitForLoadState('networkidle');
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/signin'));
}

/** Reloads until `check` holds: waits on the worker without a fixed sleep. */
export async function reloadUntil(page: Page, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the page never showed what we waited for');
    await page.waitForTimeout(250);
    await page.reload({ waitUntil: 'networkidle' });
  }
}
