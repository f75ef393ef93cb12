import { INestApplication } from '@nestjs/common';
import { applyHttpTimeouts, LIMITS } from '@kinship/shared';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module';
import { AppConfig } from './config/config';
import { createLogger, NestPinoLogger } from './common/logger';
import { createValidationPipe, RefuseUnstorableTextPipe } from './graphql/validation';
import { KinshipRequest } from './auth/request';

/** Builds the HTTP + GraphQL app (used by main.ts and by the integration tests). */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const logger = createLogger(config, 'api');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new NestPinoLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  // A client that sends its request slowly (a byte a second) is answered 408 and let go.
  applyHttpTimeouts(app.getHttpServer(), config.httpTimeouts);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: config.requestBodyLimit });
  // A body over the limit is refused unread, so no field can be named; the answer still has the
  // shape every GraphQL client reads, and says what the limits are.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if ((error as { type?: unknown } | null)?.type !== 'entity.too.large') return next(error);
    res.status(413).json({
      errors: [
        {
          message: `This request is too large: Kinship accepts up to ${config.requestBodyLimit} at once, and a post up to ${LIMITS.postBodyMax.toLocaleString('en-US')} characters.`,
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });
  app.useGlobalPipes(new RefuseUnstorableTextPipe(), createValidationPipe());
  app.use((req: KinshipRequest, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    res.on('finish', () => {
      if (req.originalUrl.startsWith('/health') && res.statusCode === 200) return;
      logger.info(
        {
          method: req.method,
          // Calendar feed paths carry a secret token: log the route, never the token.
          path: req.originalUrl.split('?')[0].replace(/^\/calendar\/[^/]+$/, '/calendar/:token'),
          operation: operationName(req),
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
          userId: req.viewer?.id,
        },
        'request',
      );
    });
    next();
  });
  return app;
}

function operationName(req: Request): string | undefined {
  const body: unknown = req.body;
  if (body && typeof body === 'object' && 'operationName' in body && typeof body.operationName === 'string') {
    return body.operationName.slice(0, 100);
  }
  return undefined;
}
