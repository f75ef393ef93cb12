import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * My recovery, the safety net: the member's plan for hard moments (one row per member), their
 * support people (PENDING until the supporter accepts; ending deletes the row) and the log of
 * "Reach out" presses. Health data: erased with the account (privacy.service.ts).
 */
export class SafetyNet1796500000000 implements MigrationInterface {
    name = 'SafetyNet1796500000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "reach_outs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "answered_at" TIMESTAMP WITH TIME ZONE, "answered_by" uuid, CONSTRAINT "PK_6c05c4fd1f4e98b43f22a5095ce" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "reach_outs_member_idx" ON "reach_outs" ("member_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "reach_outs_answered_by_idx" ON "reach_outs" ("answered_by") WHERE "answered_by" IS NOT NULL`);
        await queryRunner.query(`CREATE TABLE "safety_plans" ("user_id" uuid NOT NULL, "warning_signs" text array NOT NULL DEFAULT '{}', "coping_strategies" text array NOT NULL DEFAULT '{}', "distractions" text array NOT NULL DEFAULT '{}', "helpers" text array NOT NULL DEFAULT '{}', "professionals" text array NOT NULL DEFAULT '{}', "safe_environment" text array NOT NULL DEFAULT '{}', "reasons" text array NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a582ed8390324da2a2ab0753a3b" PRIMARY KEY ("user_id"))`);
        await queryRunner.query(`CREATE TABLE "support_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "supporter_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'PENDING', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "accepted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_abe171997503040f206e83e5aa9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "support_links_supporter_idx" ON "support_links" ("supporter_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "support_links_pair_key" ON "support_links" ("member_id", "supporter_id") `);
        await queryRunner.query(`ALTER TABLE "reach_outs" ADD CONSTRAINT "FK_9bd09b6522f7d2588ef464bfbb2" FOREIGN KEY ("member_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "reach_outs" ADD CONSTRAINT "FK_8335f33ddafe65f047fc148ad01" FOREIGN KEY ("answered_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "safety_plans" ADD CONSTRAINT "FK_a582ed8390324da2a2ab0753a3b" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "support_links" ADD CONSTRAINT "FK_cfb48c1bec31a58eab711c7b1ad" FOREIGN KEY ("member_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "support_links" ADD CONSTRAINT "FK_1371063677ee532d484dded70f6" FOREIGN KEY ("supporter_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // A block either way ends any support link between the two (requests too), whichever path
        // writes the block; nobody is told.
        await queryRunner.query(`
            CREATE FUNCTION support_links_end_on_block() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM support_links
                 WHERE (member_id = NEW.blocker_id AND supporter_id = NEW.blocked_id)
                    OR (member_id = NEW.blocked_id AND supporter_id = NEW.blocker_id);
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER support_links_end_on_block AFTER INSERT ON blocks FOR EACH ROW EXECUTE FUNCTION support_links_end_on_block()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER support_links_end_on_block ON blocks`);
        await queryRunner.query(`DROP FUNCTION support_links_end_on_block()`);
        await queryRunner.query(`ALTER TABLE "support_links" DROP CONSTRAINT "FK_1371063677ee532d484dded70f6"`);
        await queryRunner.query(`ALTER TABLE "support_links" DROP CONSTRAINT "FK_cfb48c1bec31a58eab711c7b1ad"`);
        await queryRunner.query(`ALTER TABLE "safety_plans" DROP CONSTRAINT "FK_a582ed8390324da2a2ab0753a3b"`);
        await queryRunner.query(`ALTER TABLE "reach_outs" DROP CONSTRAINT "FK_8335f33ddafe65f047fc148ad01"`);
        await queryRunner.query(`ALTER TABLE "reach_outs" DROP CONSTRAINT "FK_9bd09b6522f7d2588ef464bfbb2"`);
        await queryRunner.query(`DROP INDEX "public"."support_links_pair_key"`);
        await queryRunner.query(`DROP INDEX "public"."support_links_supporter_idx"`);
        await queryRunner.query(`DROP TABLE "support_links"`);
        await queryRunner.query(`DROP TABLE "safety_plans"`);
        await queryRunner.query(`DROP INDEX "public"."reach_outs_answered_by_idx"`);
        await queryRunner.query(`DROP INDEX "public"."reach_outs_member_idx"`);
        await queryRunner.query(`DROP TABLE "reach_outs"`);
    }

}
