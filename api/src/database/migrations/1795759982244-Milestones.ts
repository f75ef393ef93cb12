import { MigrationInterface, QueryRunner } from "typeorm";

export class Milestones1795759982244 implements MigrationInterface {
    name = 'Milestones1795759982244'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "celebrations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "author_id" uuid NOT NULL, "milestone_key" character varying(24), "milestone_date" date, "thread_id" uuid NOT NULL, "title" character varying(150) NOT NULL, "cheer_count" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f87c9bed822dff56f7c9e05c1dc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "celebrations_milestone_key" ON "celebrations" ("author_id", "milestone_key", "milestone_date") WHERE milestone_key IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "celebrations_wall_idx" ON "celebrations" ("created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "cheers" ("celebration_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_228e29d5e035186fa372d973bc0" PRIMARY KEY ("celebration_id", "user_id"))`);
        await queryRunner.query(`CREATE TABLE "follows" ("follower_id" uuid NOT NULL, "followee_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f9294bbb1517cfd99f06f534fe7" PRIMARY KEY ("follower_id", "followee_id"))`);
        await queryRunner.query(`CREATE INDEX "follows_followee_idx" ON "follows" ("followee_id") `);
        await queryRunner.query(`ALTER TABLE "users" ADD "recovery_start" date`);
        await queryRunner.query(`ALTER TABLE "users" ADD "recovery_visibility" character varying(16) NOT NULL DEFAULT 'ONLY_ME'`);
        await queryRunner.query(`ALTER TABLE "users" ADD "recovery_announce" boolean NOT NULL DEFAULT false`);
        // Celebrations' reply threads live in a category of their own, kept out of category lists.
        await queryRunner.query(`INSERT INTO categories (name, slug, description, position) VALUES ('Milestone wall', 'milestone-wall', 'Replies to celebrations on the milestone wall.', 10000) ON CONFLICT DO NOTHING`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "recovery_announce"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "recovery_visibility"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "recovery_start"`);
        await queryRunner.query(`DROP INDEX "public"."follows_followee_idx"`);
        await queryRunner.query(`DROP TABLE "follows"`);
        await queryRunner.query(`DROP TABLE "cheers"`);
        await queryRunner.query(`DROP INDEX "public"."celebrations_wall_idx"`);
        await queryRunner.query(`DROP INDEX "public"."celebrations_milestone_key"`);
        await queryRunner.query(`DROP TABLE "celebrations"`);
    }

}
