/** The GraphQL operations the accounts integration specs share (strings only: no harness, no Nest). */

export const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id displayName role email } } }`;
export const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token user { id } } }`;
export const CREATE_INVITE = `mutation($input: CreateInviteInput!) { createInvite(input: $input) { id code codeHint role expiresAt status } }`;
export const SET_ROLE = `mutation($userId: ID!, $role: Role!) { setRole(userId: $userId, role: $role) { id role } }`;
export const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName bio pronouns timeZone } }`;
