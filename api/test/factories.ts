import { randomBytes } from 'node:crypto';
import type { Role } from '@kinship/shared';
import { issueAdminInvite } from '../src/modules/accounts/admin-invite';
import { TestHarness } from './harness';

export interface Member {
  id: string;
  token: string;
  email: string;
  displayName: string;
  password: string;
}

export const PASSWORD = 'a-long-enough-password';

const REGISTER = `mutation Register($input: RegisterInput!) {
  register(input: $input) { token user { id displayName role } }
}`;

const CREATE_INVITE = `mutation CreateInvite($input: CreateInviteInput!) {
  createInvite(input: $input) { code role expiresAt }
}`;

function unique(label: string): string {
  return `${label}${randomBytes(3).toString('hex')}`;
}

export async function register(t: TestHarness, inviteCode: string, label = 'member'): Promise<Member> {
  const displayName = unique(label);
  const email = `${displayName.toLowerCase()}@example.org`;
  const data = await t.ok<{ register: { token: string; user: { id: string } } }>(REGISTER, {
    input: { inviteCode, email, password: PASSWORD, displayName },
  });
  return { id: data.register.user.id, token: data.register.token, email, displayName, password: PASSWORD };
}

/** The first admin, made the way a real deployment makes one: create-admin's invite, then register. */
export async function createAdmin(t: TestHarness): Promise<Member> {
  const displayName = unique('admin');
  const email = `${displayName}@example.org`;
  const code = await issueAdminInvite(t.dataSource, email);
  const data = await t.ok<{ register: { token: string; user: { id: string } } }>(REGISTER, {
    input: { inviteCode: code, email, password: PASSWORD, displayName },
  });
  return { id: data.register.user.id, token: data.register.token, email, displayName, password: PASSWORD };
}

export async function invite(t: TestHarness, admin: Member, role: Role = 'MEMBER', email?: string): Promise<string> {
  const data = await t.ok<{ createInvite: { code: string } }>(CREATE_INVITE, { input: { role, email } }, admin.token);
  return data.createInvite.code;
}

export async function createMember(t: TestHarness, admin: Member, role: Role = 'MEMBER'): Promise<Member> {
  return register(t, await invite(t, admin, role), role.toLowerCase());
}

export async function createCategory(t: TestHarness, admin: Member, name = unique('Category ')): Promise<string> {
  const data = await t.ok<{ createCategory: { id: string } }>(
    `mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }`,
    { input: { name } },
    admin.token,
  );
  return data.createCategory.id;
}

export async function createThread(
  t: TestHarness,
  author: Member,
  categoryId: string,
  title = 'Thirty days today',
  body = 'Grateful for this group.',
): Promise<{ threadId: string; postId: string }> {
  const data = await t.ok<{ createThread: { post: { id: string; thread: { id: string } } } }>(
    `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { id thread { id } } } }`,
    { input: { categoryId, title, body } },
    author.token,
  );
  return { threadId: data.createThread.post.thread.id, postId: data.createThread.post.id };
}

export async function reply(t: TestHarness, author: Member, threadId: string, body = 'Proud of you.'): Promise<string> {
  const data = await t.ok<{ reply: { post: { id: string } } }>(
    `mutation($input: ReplyInput!) { reply(input: $input) { post { id } } }`,
    { input: { threadId, body } },
    author.token,
  );
  return data.reply.post.id;
}
