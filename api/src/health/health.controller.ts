import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { InjectRedis, RedisClient } from '../common/redis.module';
import { checkDependencies, readiness } from './dependencies';

/**
 * `GET /health/live`: 200 while the process serves HTTP (restart it when this fails).
 * `GET /health/ready` (and `/health`, for older set-ups): 200 when PostgreSQL answers, else 503;
 * Redis is reported but does not make the api unready (see readiness()).
 */
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: RedisClient,
  ) {}

  @Public()
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get(['ready', ''])
  async ready(@Res() res: Response): Promise<void> {
    const { ready, body } = readiness(await checkDependencies(this.dataSource, this.redis));
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }
}
