import { MigrationInterface, QueryRunner } from "typeorm";

export class Moderation1795757026748 implements MigrationInterface {
    name = 'Moderation1795757026748'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "appeals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action_id" uuid NOT NULL, "appellant_id" uuid NOT NULL, "text" character varying(2000) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'PENDING', "decided_by" uuid, "decision_reason" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ebd2050a02aa78081b5346152bc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "appeals_status_idx" ON "appeals" ("status", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "appeals_action_key" ON "appeals" ("action_id") `);
        await queryRunner.query(`CREATE TABLE "flag_cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "target_type" character varying(16) NOT NULL, "target_id" uuid NOT NULL, "target_user_id" uuid, "priority" character varying(16) NOT NULL, "score" integer NOT NULL DEFAULT '0', "status" character varying(16) NOT NULL DEFAULT 'OPEN', "acknowledged_by" uuid, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "resolved_by" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, "last_notified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_70b65acc28e74c7543b909598bf" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "flag_cases_queue_idx" ON "flag_cases" ("status", "created_at") `);
        await queryRunner.query(`CREATE TABLE "flags" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "flagger_id" uuid NOT NULL, "target_type" character varying(16) NOT NULL, "target_id" uuid NOT NULL, "reason" character varying(24) NOT NULL, "note" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ea7e333c92a55de9e9b8d0b9afd" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "flags_case_idx" ON "flags" ("case_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "flags_flagger_target_key" ON "flags" ("flagger_id", "target_type", "target_id") `);
        await queryRunner.query(`CREATE TABLE "moderation_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "moderator_id" uuid, "action" character varying(24) NOT NULL, "target_type" character varying(16) NOT NULL, "target_id" uuid NOT NULL, "target_user_id" uuid, "case_id" uuid, "reason" character varying(1000), "excerpt" character varying(100), "suspended_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d259906fb4d2a5ef718f1f66e35" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "moderation_actions_target_user_idx" ON "moderation_actions" ("target_user_id") `);
        await queryRunner.query(`CREATE INDEX "moderation_actions_listing_idx" ON "moderation_actions" ("created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "moderator_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "author_id" uuid, "text" character varying(2000) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_acf4bc104078725fd19d8507a7f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "moderator_notes_user_idx" ON "moderator_notes" ("user_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "watched_words" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "word" character varying(100) NOT NULL, "action" character varying(16) NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_57b1b941d4b2fa87e36f3d4033d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "watched_words_word_key" ON "watched_words" ("word") `);
        await queryRunner.query(`ALTER TABLE "users" ADD "suspended_until" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "outbox" ADD "delay_ms" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "flags" ADD CONSTRAINT "FK_51bcfb0124dd8ac42bd582c1d46" FOREIGN KEY ("case_id") REFERENCES "flag_cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "flags" ADD CONSTRAINT "FK_de975295f26e5588844615b0ca7" FOREIGN KEY ("flagger_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // One open case per item and kind: "find or open" is a single race-free upsert.
        await queryRunner.query(`CREATE UNIQUE INDEX "flag_cases_open_target_key" ON "flag_cases" ("target_type", "target_id", "kind") WHERE status = 'OPEN'`);
        // The moderation log is append-only, enforced by the database itself.
        await queryRunner.query(`
            CREATE FUNCTION moderation_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the moderation log is append-only: % is not allowed', TG_OP;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER moderation_actions_append_only BEFORE UPDATE OR DELETE ON moderation_actions FOR EACH ROW EXECUTE FUNCTION moderation_actions_append_only()`);
        await queryRunner.query(`CREATE TRIGGER moderation_actions_no_truncate BEFORE TRUNCATE ON moderation_actions FOR EACH STATEMENT EXECUTE FUNCTION moderation_actions_append_only()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER moderation_actions_no_truncate ON moderation_actions`);
        await queryRunner.query(`DROP TRIGGER moderation_actions_append_only ON moderation_actions`);
        await queryRunner.query(`DROP FUNCTION moderation_actions_append_only()`);
        await queryRunner.query(`DROP INDEX "public"."flag_cases_open_target_key"`);
        await queryRunner.query(`ALTER TABLE "flags" DROP CONSTRAINT "FK_de975295f26e5588844615b0ca7"`);
        await queryRunner.query(`ALTER TABLE "flags" DROP CONSTRAINT "FK_51bcfb0124dd8ac42bd582c1d46"`);
        await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "delay_ms"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "suspended_until"`);
        await queryRunner.query(`DROP INDEX "public"."watched_words_word_key"`);
        await queryRunner.query(`DROP TABLE "watched_words"`);
        await queryRunner.query(`DROP INDEX "public"."moderator_notes_user_idx"`);
        await queryRunner.query(`DROP TABLE "moderator_notes"`);
        await queryRunner.query(`DROP INDEX "public"."moderation_actions_listing_idx"`);
        await queryRunner.query(`DROP INDEX "public"."moderation_actions_target_user_idx"`);
        await queryRunner.query(`DROP TABLE "moderation_actions"`);
        await queryRunner.query(`DROP INDEX "public"."flags_flagger_target_key"`);
        await queryRunner.query(`DROP INDEX "public"."flags_case_idx"`);
        await queryRunner.query(`DROP TABLE "flags"`);
        await queryRunner.query(`DROP INDEX "public"."flag_cases_queue_idx"`);
        await queryRunner.query(`DROP TABLE "flag_cases"`);
        await queryRunner.query(`DROP INDEX "public"."appeals_action_key"`);
        await queryRunner.query(`DROP INDEX "public"."appeals_status_idx"`);
        await queryRunner.query(`DROP TABLE "appeals"`);
    }

}
