import type { Role } from '@kinship/graphql';

declare global {
  namespace App {
    interface Locals {
      /** The signed-in member, resolved once per request in hooks.server.ts; null when signed out. */
      user: {
        id: string;
        displayName: string;
        role: Role;
        timeZone: string | null;
      } | null;
      /** The session token from the httpOnly cookie (forwarded to the api as a bearer token). */
      token: string | null;
      /** True when the api could not confirm the session (unreachable or failing); pages then explain. */
      apiUnreachable: boolean;
      /** This request's id: sent to the api as X-Request-Id (its log lines and jobs carry it) and back in the answer. */
      requestId: string;
      /** The member's account is suspended: until when, and the api's sentence. Pages show /suspended instead. */
      suspension: { until: string; message: string } | null;
    }

    interface Error {
      message: string;
    }

    interface PageData {
      user: App.Locals['user'];
      unreadCount: number;
      /** Conversations with unread messages, and message requests waiting (the Messages badge). */
      messageCount: number;
    }
  }
}

export {};
