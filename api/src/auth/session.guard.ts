import { CanActivate, ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasRole, Role } from '@kinship/shared';
import { DomainError, forbidden, unauthenticated } from '../graphql/errors';
import { IS_PUBLIC, REQUIRED_ROLE } from './decorators';
import { bearerToken, requestOf } from './request';
import { Viewer } from './viewer';

/**
 * Who a session token belongs to. Accounts provides it (SessionsService); the guard depends on
 * this seam, not on the accounts domain.
 */
export interface SessionLookup {
  viewerForToken(token: string): Promise<Viewer | null>;
}
export const SESSION_LOOKUP = Symbol('SessionLookup');

/**
 * Installed globally: every resolver and route needs a valid session unless marked @Public(),
 * so a forgotten decorator fails closed. Role checks come from @RequireRole().
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SESSION_LOOKUP) private readonly sessions: SessionLookup,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return await this.check(context);
    } catch (error) {
      // Plain HTTP routes (calendar files, health) answer with a status code, not a GraphQL error.
      if (context.getType<string>() === 'http' && error instanceof DomainError) {
        const code = error.extensions.code;
        throw new HttpException({ message: error.message, code }, code === 'UNAUTHENTICATED' ? 401 : 403);
      }
      throw error;
    }
  }

  private async check(context: ExecutionContext): Promise<boolean> {
    const req = requestOf(context);
    if (!req.viewerResolved) {
      const token = bearerToken(req);
      // A GraphQL request's root fields run concurrently: the first starts the lookup, all share it.
      req.viewerLookup ??= token
        ? this.sessions.viewerForToken(token).then((viewer) => viewer ?? undefined)
        : Promise.resolve(undefined);
      req.viewer = await req.viewerLookup;
      req.viewerResolved = true;
    }

    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (!req.viewer) throw unauthenticated();

    const required = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets);
    if (required && !hasRole(req.viewer.role, required)) throw forbidden();
    return true;
  }
}
