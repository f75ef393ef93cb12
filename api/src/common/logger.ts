import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { AppConfig } from '../config/config';
import { currentRequestId } from './request-context';

/**
 * Structured JSON logs. Log ids and outcomes only: never a post body, an email address, a token or
 * a recovery date. The redact list is a safety net for mistakes, not a licence to log such fields.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel'>, name: string, options: { requestIds?: boolean } = {}): Logger {
  return pino({
    name,
    level: config.logLevel,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Every line written while serving a request (or a job it queued) names that request. The
    // request log itself (pino-http) binds the id on its own, so it turns this off.
    mixin:
      options.requestIds === false
        ? undefined
        : () => {
            const requestId = currentRequestId();
            return requestId ? { requestId } : {};
          },
    redact: {
      paths: [
        'password',
        'email',
        'body',
        'token',
        'authorization',
        '*.password',
        '*.email',
        '*.body',
        '*.token',
        '*.authorization',
        '*.headers.authorization',
        '*.headers.cookie',
        'variables',
        '*.variables',
      ],
      censor: '[redacted]',
    },
  });
}

/** Lets Nest's own messages go through the same structured logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  /** Nest's own start-up chatter ("X dependencies initialized") is debug-level noise for us. */
  log(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  error(message: unknown, stack?: string, context?: string): void {
    this.logger.error({ context, stack }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
