import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The rate limits' counters when there is no Redis (QUEUE_BACKEND=postgres), in the shape
 * rate-limiter-flexible's PostgreSQL store reads (common/rate-limit.service.ts). UNLOGGED: a
 * counter lost in a crash only resets a window. Expired rows are deleted by the store itself.
 */
export class RateLimitCounters1796310000000 implements MigrationInterface {
    name = 'RateLimitCounters1796310000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE UNLOGGED TABLE "rate_limit_counters" ("key" varchar(255) PRIMARY KEY, "points" integer NOT NULL DEFAULT 0, "expire" bigint)`);
        await queryRunner.query(`CREATE INDEX "rate_limit_counters_expire_idx" ON "rate_limit_counters" ("expire")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "rate_limit_counters"`);
    }

}
