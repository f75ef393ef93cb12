import { INestApplication } from '@nestjs/common';
import { applyHttpTimeouts, LIMITS } from '@kinship/shared';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { AppModule } from './app.module';
import { AppConfig } from './config/config';
import { createLogger, NestPinoLogger } from './common/logger';
import { REQUEST_ID_HEADER, requestIdFrom, withRequestId } from './common/request-context';
import { Metrics } from './health/metrics';
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
  app.useGlobalPipes(new RefuseUnstorableTextPipe(), createValidationPipe());
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(requestLogger(createLogger(config, 'api', { requestIds: false })));
  app.use(requestMetrics(app.get(Metrics)));
  // Everything done for this request from here on (and every job it queues) logs its id.
  app.use((req: Request, _res: Response, next: NextFunction) => withRequestId(req.id as string, next));
  // After the log and the metrics, so that refused bodies (413, malformed JSON) are seen too.
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
  return app;
}

/**
 * One JSON line per answered request (pino-http): method, path, GraphQL operation, status, time
 * and member id; never a header, body, query string or calendar token. The request id is the
 * web's X-Request-Id when it sent a well-formed one, and goes back in the answer's X-Request-Id.
 */
function requestLogger(logger: Logger) {
  return pinoHttp<Request, Response>({
    logger,
    genReqId: (req, res) => {
      const id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Lines are bound to the id only (not the whole request), under the same key the mixin uses.
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    customLogLevel: (req, res, error) => {
      if (req.originalUrl.startsWith('/health') && res.statusCode === 200) return 'silent';
      return error || res.statusCode >= 500 ? 'error' : 'info';
    },
    // The final line is built below from what may be logged; the whole request and answer are not.
    serializers: { req: () => undefined, res: () => undefined },
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customSuccessObject: (req, res, value: { responseTime?: number }) => ({
      ...requestFields(req, res, value),
      userId: (req as KinshipRequest).viewer?.id,
    }),
    customErrorObject: (req, res, error, value: { responseTime?: number }) => ({ ...requestFields(req, res, value), err: error.message }),
  });
}

/** What a request's log line says of it. */
function requestFields(req: Request, res: Response, value: { responseTime?: number }) {
  return { method: req.method, path: loggedPath(req), operation: operationName(req), status: res.statusCode, ms: value.responseTime };
}

/** The path without its query; calendar feed paths carry a secret token: the route, never the token. */
function loggedPath(req: Request): string {
  return req.originalUrl.split('?')[0].replace(/^\/calendar\/[^/]+$/, '/calendar/:token');
}

/** Each answered request in kinship_http_request_duration_seconds, by operation and status. */
function requestMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = metrics.requests.startTimer();
    res.on('finish', () => stop({ operation: metrics.operationLabel(operationName(req), loggedPath(req)), status: String(res.statusCode) }));
    next();
  };
}

function operationName(req: Request): string | undefined {
  const body: unknown = req.body;
  if (body && typeof body === 'object' && 'operationName' in body && typeof body.operationName === 'string') {
    return body.operationName.slice(0, 100);
  }
  return undefined;
}
