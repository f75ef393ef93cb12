import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from './auth/decorators';
import { InjectRedis } from './common/redis.module';

/** `GET /health`: 200 {"status":"ok"} once PostgreSQL and Redis both answer, else 503 naming which. */
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  @Public()
  @Get()
  async health(@Res() res: Response): Promise<void> {
    const timeout = <T>(p: Promise<T>) =>
      Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
    const [database, redis] = await Promise.all([
      timeout(this.dataSource.query('SELECT 1')).then(() => 'ok', () => 'down'),
      timeout(this.redis.ping()).then(() => 'ok', () => 'down'),
    ]);
    const ok = database === 'ok' && redis === 'ok';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'error', database, redis });
  }
}
