import { defineJob } from '../../../queue/jobs';

/**
 * A member asked for a password reset by email. The worker makes the token when it sends, so
 * the token itself is never stored anywhere but in the member's inbox.
 */
export const PASSWORD_RESET_EMAIL = defineJob<{ userId: string }>('notifications', 'accounts.password-reset-email');

/**
 * Someone used an invite to register with the email of an existing account. The answer to them
 * does not say so (that would tell whose email is a member's); the account's owner is told here.
 */
export const REGISTRATION_ATTEMPT_EMAIL = defineJob<{ userId: string; inviteId: string }>('notifications', 'accounts.registration-attempt-email');
