import type { Role } from '@kinship/shared';

/** The signed-in person behind a request, as the session guard found them. */
export interface Viewer {
  id: string;
  role: Role;
  sessionId: string;
}
