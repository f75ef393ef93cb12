import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * My recovery, check-ins: the daily check-ins, the monthly BARC-10 answers and each member's
 * check-in settings (on/off, the gentle reminder, the once-per-stretch reach-out offer).
 */
export class CheckIns1796400000000 implements MigrationInterface {
    name = 'CheckIns1796400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "check_ins" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "day" date NOT NULL, "mood" smallint NOT NULL, "cravings" smallint NOT NULL, "sleep" smallint, "helped" character varying(280), "hard" character varying(280), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "check_ins_sleep_range" CHECK ("sleep" IS NULL OR "sleep" BETWEEN 1 AND 5), CONSTRAINT "check_ins_cravings_range" CHECK ("cravings" BETWEEN 0 AND 4), CONSTRAINT "check_ins_mood_range" CHECK ("mood" BETWEEN 1 AND 5), CONSTRAINT "PK_fac7f27bc829a454ad477c13f62" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "check_ins_user_day_key" ON "check_ins" ("user_id", "day") `);
        await queryRunner.query(`CREATE TABLE "check_in_settings" ("user_id" uuid NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "reminder" boolean NOT NULL DEFAULT false, "reminder_minute" smallint, "reach_out_offered_on" date, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b9a6eaceb1118be46de09f5fda" PRIMARY KEY ("user_id"))`);
        await queryRunner.query(`CREATE TABLE "recovery_capital_checks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "month" character varying(7) NOT NULL, "answers" smallint array NOT NULL, "total" smallint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "recovery_capital_checks_total_range" CHECK ("total" BETWEEN 10 AND 60), CONSTRAINT "PK_04f4ee2c8bcf469b517b14d7331" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "recovery_capital_checks_user_month_key" ON "recovery_capital_checks" ("user_id", "month") `);
        await queryRunner.query(`ALTER TABLE "check_ins" ADD CONSTRAINT "FK_7b8c2fc47cf37006c80fc5e80a9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "check_in_settings" ADD CONSTRAINT "FK_6b9a6eaceb1118be46de09f5fda" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "recovery_capital_checks" ADD CONSTRAINT "FK_8d465214108f1e6b0f9ee84d6d2" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "recovery_capital_checks" DROP CONSTRAINT "FK_8d465214108f1e6b0f9ee84d6d2"`);
        await queryRunner.query(`ALTER TABLE "check_in_settings" DROP CONSTRAINT "FK_6b9a6eaceb1118be46de09f5fda"`);
        await queryRunner.query(`ALTER TABLE "check_ins" DROP CONSTRAINT "FK_7b8c2fc47cf37006c80fc5e80a9"`);
        await queryRunner.query(`DROP INDEX "public"."recovery_capital_checks_user_month_key"`);
        await queryRunner.query(`DROP TABLE "recovery_capital_checks"`);
        await queryRunner.query(`DROP TABLE "check_in_settings"`);
        await queryRunner.query(`DROP INDEX "public"."check_ins_user_day_key"`);
        await queryRunner.query(`DROP TABLE "check_ins"`);
    }

}
