import { MigrationInterface, QueryRunner } from "typeorm";

export class Events1795758293501 implements MigrationInterface {
    name = 'Events1795758293501'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "calendar_tokens" ("user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b72b4c7c65d3753a2b4fd1bb02a" PRIMARY KEY ("user_id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "calendar_tokens_hash_key" ON "calendar_tokens" ("token_hash") `);
        await queryRunner.query(`CREATE TABLE "events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "series_id" uuid, "organizer_id" uuid NOT NULL, "title" character varying(120) NOT NULL, "description" text NOT NULL DEFAULT '', "description_html" text NOT NULL DEFAULT '', "kind" character varying(16) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "time_zone" character varying(64) NOT NULL, "address" character varying(300), "online_url" character varying(500), "capacity" integer, "rsvp_deadline" TIMESTAMP WITH TIME ZONE, "status" character varying(16) NOT NULL DEFAULT 'VISIBLE', "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" character varying(500), "going_count" integer NOT NULL DEFAULT '0', "waitlist_count" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "events_organizer_idx" ON "events" ("organizer_id") `);
        await queryRunner.query(`CREATE INDEX "events_series_idx" ON "events" ("series_id", "starts_at") `);
        await queryRunner.query(`CREATE INDEX "events_upcoming_idx" ON "events" ("starts_at", "id") `);
        await queryRunner.query(`CREATE TABLE "rsvps" ("event_id" uuid NOT NULL, "user_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "waitlisted" boolean NOT NULL DEFAULT false, "waitlist_seq" bigint, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_06894530ca7ca824ae08ab4b029" PRIMARY KEY ("event_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "rsvps_user_idx" ON "rsvps" ("user_id") `);
        await queryRunner.query(`CREATE INDEX "rsvps_waitlist_idx" ON "rsvps" ("event_id", "waitlist_seq") WHERE waitlisted`);
        await queryRunner.query(`ALTER TABLE "outbox" ADD "job_id" character varying(200)`);
        await queryRunner.query(`ALTER TABLE "outbox" ADD "operation" character varying(8) NOT NULL DEFAULT 'add'`);
        await queryRunner.query(`ALTER TABLE "calendar_tokens" ADD CONSTRAINT "FK_b72b4c7c65d3753a2b4fd1bb02a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "rsvps" ADD CONSTRAINT "FK_04d52fc9fe91004aa1860603ea3" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "rsvps" ADD CONSTRAINT "FK_5ef6c963e9f7d98f6e0f79053a3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // Arrival order for waitlists: one sequence for all events, drawn inside the event's row lock.
        await queryRunner.query(`CREATE SEQUENCE rsvp_waitlist_seq`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP SEQUENCE rsvp_waitlist_seq`);
        await queryRunner.query(`ALTER TABLE "rsvps" DROP CONSTRAINT "FK_5ef6c963e9f7d98f6e0f79053a3"`);
        await queryRunner.query(`ALTER TABLE "rsvps" DROP CONSTRAINT "FK_04d52fc9fe91004aa1860603ea3"`);
        await queryRunner.query(`ALTER TABLE "calendar_tokens" DROP CONSTRAINT "FK_b72b4c7c65d3753a2b4fd1bb02a"`);
        await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "operation"`);
        await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "job_id"`);
        await queryRunner.query(`DROP INDEX "public"."rsvps_waitlist_idx"`);
        await queryRunner.query(`DROP INDEX "public"."rsvps_user_idx"`);
        await queryRunner.query(`DROP TABLE "rsvps"`);
        await queryRunner.query(`DROP INDEX "public"."events_upcoming_idx"`);
        await queryRunner.query(`DROP INDEX "public"."events_series_idx"`);
        await queryRunner.query(`DROP INDEX "public"."events_organizer_idx"`);
        await queryRunner.query(`DROP TABLE "events"`);
        await queryRunner.query(`DROP INDEX "public"."calendar_tokens_hash_key"`);
        await queryRunner.query(`DROP TABLE "calendar_tokens"`);
    }

}
