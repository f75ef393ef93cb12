import { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { Viewer } from './viewer';

export interface KinshipRequest extends Request {
  viewer?: Viewer;
  /** Set once the guard has looked at the bearer token, so several root fields look once. */
  viewerResolved?: boolean;
  /** The session lookup in flight: root fields resolve concurrently and share one lookup. */
  viewerLookup?: Promise<Viewer | undefined>;
}

export function requestOf(context: ExecutionContext): KinshipRequest {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: KinshipRequest }>().req;
  }
  return context.switchToHttp().getRequest<KinshipRequest>();
}

export function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
  return match ? match[1] : null;
}
