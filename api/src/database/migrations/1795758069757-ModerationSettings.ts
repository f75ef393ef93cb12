import { MigrationInterface, QueryRunner } from "typeorm";

export class ModerationSettings1795758069757 implements MigrationInterface {
    name = 'ModerationSettings1795758069757'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "moderation_settings" ("id" smallint NOT NULL DEFAULT '1', "flag_hide_threshold" integer, "premod_first_posts" integer, "crisis_escalation_minutes" integer, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f8991bbeb265cb2a512f3811fe2" PRIMARY KEY ("id"))`);
        // A single row of settings.
        await queryRunner.query(`ALTER TABLE "moderation_settings" ADD CONSTRAINT "moderation_settings_single_row" CHECK (id = 1)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "moderation_settings"`);
    }

}
