import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@kinship/shared';
import { requestOf } from './request';
import { Viewer } from './viewer';

export const IS_PUBLIC = 'kinship:isPublic';
export const REQUIRED_ROLE = 'kinship:requiredRole';

/** Opens a resolver or route to signed-out visitors. Everything else needs a session. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Requires at least this role (an admin also passes a moderator check). */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** The signed-in viewer; `undefined` only on @Public() handlers for signed-out visitors. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Viewer | undefined => requestOf(context).viewer,
);

/**
 * For the sign-in answers (login, register): a function that makes the new session the request's
 * viewer, so every field resolved below the answer reads as that member, exactly as a later
 * request with the token would. Fields never infer their viewer from the object they resolve.
 */
export const AdoptViewer = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    (viewer: Viewer): void => {
      const req = requestOf(context);
      req.viewer = viewer;
      req.viewerResolved = true;
      req.viewerLookup = Promise.resolve(viewer);
    },
);

/** Where the request came from (IP as seen through trusted proxies, and the user agent). */
export const Client = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const req = requestOf(context);
  return { ip: req.ip ?? 'unknown', userAgent: req.headers['user-agent'] };
});
