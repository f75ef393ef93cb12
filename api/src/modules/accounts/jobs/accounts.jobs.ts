import { defineJob } from '../../../queue/jobs';

/**
 * A member asked for a password reset by email. The worker makes the token when it sends, so
 * the token itself is never stored anywhere but in the member's inbox.
 */
export const PASSWORD_RESET_EMAIL = defineJob<{ userId: string }>('notifications', 'accounts.password-reset-email');
