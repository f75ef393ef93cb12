import { MigrationInterface, QueryRunner } from "typeorm";

export class OutboxOrder1796225845671 implements MigrationInterface {
    name = 'OutboxOrder1796225845671'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."outbox_pending_idx"`);
        // Numbered in the order the rows were written (as far as created_at tells), so rows waiting
        // at deploy time keep their order; then new rows take the sequence.
        await queryRunner.query(`ALTER TABLE "outbox" ADD "seq" bigint`);
        await queryRunner.query(`CREATE SEQUENCE "outbox_seq_seq" OWNED BY "outbox"."seq"`);
        await queryRunner.query(`UPDATE "outbox" o SET "seq" = r.n FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM "outbox") r WHERE o.id = r.id`);
        await queryRunner.query(`SELECT setval('outbox_seq_seq', coalesce((SELECT max("seq") FROM "outbox"), 0) + 1, false)`);
        await queryRunner.query(`ALTER TABLE "outbox" ALTER COLUMN "seq" SET DEFAULT nextval('outbox_seq_seq')`);
        await queryRunner.query(`ALTER TABLE "outbox" ALTER COLUMN "seq" SET NOT NULL`);
        await queryRunner.query(`CREATE INDEX "outbox_pending_seq_idx" ON "outbox" ("seq") WHERE dispatched_at IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."outbox_pending_seq_idx"`);
        await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "seq"`);
        await queryRunner.query(`CREATE INDEX "outbox_pending_idx" ON "outbox" ("created_at") WHERE (dispatched_at IS NULL)`);
    }

}
