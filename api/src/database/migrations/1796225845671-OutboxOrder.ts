import { MigrationInterface, QueryRunner } from "typeorm";

export class OutboxOrder1796225845671 implements MigrationInterface {
    name = 'OutboxOrder1796225845671'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."outbox_pending_idx"`);
        await queryRunner.query(`ALTER TABLE "outbox" ADD "seq" BIGSERIAL NOT NULL`);
        await queryRunner.query(`CREATE INDEX "outbox_pending_seq_idx" ON "outbox" ("seq") WHERE dispatched_at IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."outbox_pending_seq_idx"`);
        await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "seq"`);
        await queryRunner.query(`CREATE INDEX "outbox_pending_idx" ON "outbox" ("created_at") WHERE (dispatched_at IS NULL)`);
    }

}
