import { MigrationInterface, QueryRunner } from "typeorm";

export class DurableDeadlines1796195161866 implements MigrationInterface {
    name = 'DurableDeadlines1796195161866'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "event_reminders" ("event_id" uuid NOT NULL, "minutes_before" integer NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c40443c0f458eba85bdd7d33ef3" PRIMARY KEY ("event_id", "minutes_before", "starts_at"))`);
        await queryRunner.query(`CREATE TABLE "schedule_runs" ("name" character varying(100) NOT NULL, "last_run_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_abb1a5994178994b7b4b98f1184" PRIMARY KEY ("name"))`);
        await queryRunner.query(`ALTER TABLE "flag_cases" ADD "escalate_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "flag_cases" ADD "escalated_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "flag_cases_escalation_due_idx" ON "flag_cases" ("escalate_at") WHERE escalate_at IS NOT NULL AND escalated_at IS NULL`);
        // Crisis cases opened before this: due at their opening plus the admins' setting (else the 15-minute default);
        // those already acknowledged, closed or escalated are done.
        await queryRunner.query(`UPDATE "flag_cases" SET "escalate_at" = "created_at" + make_interval(mins => coalesce((SELECT crisis_escalation_minutes FROM moderation_settings WHERE id = 1), 15)) WHERE kind = 'CRISIS'`);
        await queryRunner.query(`UPDATE "flag_cases" c SET "escalated_at" = now() WHERE kind = 'CRISIS' AND (status <> 'OPEN' OR acknowledged_at IS NOT NULL OR EXISTS (SELECT 1 FROM notifications n WHERE n.source_key = 'crisis-escalation:' || c.id))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."flag_cases_escalation_due_idx"`);
        await queryRunner.query(`ALTER TABLE "flag_cases" DROP COLUMN "escalated_at"`);
        await queryRunner.query(`ALTER TABLE "flag_cases" DROP COLUMN "escalate_at"`);
        await queryRunner.query(`DROP TABLE "schedule_runs"`);
        await queryRunner.query(`DROP TABLE "event_reminders"`);
    }

}
