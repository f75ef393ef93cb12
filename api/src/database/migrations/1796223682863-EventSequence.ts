import { MigrationInterface, QueryRunner } from "typeorm";

export class EventSequence1796223682863 implements MigrationInterface {
    name = 'EventSequence1796223682863'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "events" ADD "sequence" integer NOT NULL DEFAULT '0'`);
        // Every write path raises SEQUENCE when something a calendar shows changed (RFC 5545 3.8.7.4);
        // RSVP counts and moderation bookkeeping do not.
        await queryRunner.query(`CREATE FUNCTION events_bump_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF (NEW.title, NEW.description, NEW.starts_at, NEW.ends_at, NEW.time_zone, NEW.address, NEW.online_url, NEW.cancelled_at, NEW.cancel_reason)
                 IS DISTINCT FROM
                 (OLD.title, OLD.description, OLD.starts_at, OLD.ends_at, OLD.time_zone, OLD.address, OLD.online_url, OLD.cancelled_at, OLD.cancel_reason) THEN
                NEW.sequence := OLD.sequence + 1;
              END IF;
              RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER events_bump_sequence BEFORE UPDATE ON "events" FOR EACH ROW EXECUTE FUNCTION events_bump_sequence()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER events_bump_sequence ON "events"`);
        await queryRunner.query(`DROP FUNCTION events_bump_sequence()`);
        await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "sequence"`);
    }

}
