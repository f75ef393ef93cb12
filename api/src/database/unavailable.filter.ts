import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './availability';

/**
 * The plain HTTP routes (calendar feeds, unsubscribe links, the live badge) answer 503 with
 * Retry-After while PostgreSQL is unreachable, as /graphql does; every other error is Nest's.
 * GraphQL resolvers are left to formatError and the unavailable plugin.
 */
@Catch()
export class DatabaseUnavailableFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    if (isDatabaseUnavailable(exception) && !res.headersSent) {
      res.status(503).setHeader('Retry-After', '5');
      res.json({ statusCode: 503, message: DATABASE_UNAVAILABLE_MESSAGE });
      return;
    }
    super.catch(exception, host);
  }
}
