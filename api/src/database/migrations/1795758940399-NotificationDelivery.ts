import { MigrationInterface, QueryRunner } from "typeorm";

export class NotificationDelivery1795758940399 implements MigrationInterface {
    name = 'NotificationDelivery1795758940399'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "type" character varying(32) NOT NULL, "in_app" boolean NOT NULL, "email" character varying(16) NOT NULL, CONSTRAINT "PK_755d37e231803acea1c54e5e88a" PRIMARY KEY ("user_id", "type"))`);
        await queryRunner.query(`ALTER TABLE "users" ADD "quiet_hours_start" smallint DEFAULT '1320'`);
        await queryRunner.query(`ALTER TABLE "users" ADD "quiet_hours_end" smallint DEFAULT '420'`);
        await queryRunner.query(`ALTER TABLE "users" ADD "last_digest_on" date`);
        await queryRunner.query(`ALTER TABLE "notifications" ADD "in_app" boolean NOT NULL DEFAULT true`);
        await queryRunner.query(`ALTER TABLE "notifications" ADD "urgent" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "notifications" ADD "email_state" character varying(12) NOT NULL DEFAULT 'NEW'`);
        await queryRunner.query(`ALTER TABLE "notifications" ADD "email_due_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "notifications_email_state_idx" ON "notifications" ("email_state") WHERE email_state IN ('NEW', 'PENDING', 'DIGEST')`);
        await queryRunner.query(`ALTER TABLE "notification_preferences" ADD CONSTRAINT "FK_64c90edc7310c6be7c10c96f675" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // Existing notifications predate email: nothing to send for them.
        await queryRunner.query(`UPDATE notifications SET email_state = 'SKIPPED'`);
        // In-app visibility follows the member's preference at the moment the notification is made;
        // urgent ones (crisis alerts to moderators) always show.
        await queryRunner.query(`
            CREATE FUNCTION notifications_apply_in_app_preference() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.in_app := NEW.urgent OR COALESCE(
                    (SELECT p.in_app FROM notification_preferences p WHERE p.user_id = NEW.user_id AND p.type = NEW.type), true);
                RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER notifications_in_app BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION notifications_apply_in_app_preference()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER notifications_in_app ON notifications`);
        await queryRunner.query(`DROP FUNCTION notifications_apply_in_app_preference()`);
        await queryRunner.query(`ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_64c90edc7310c6be7c10c96f675"`);
        await queryRunner.query(`DROP INDEX "public"."notifications_email_state_idx"`);
        await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "email_due_at"`);
        await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "email_state"`);
        await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "urgent"`);
        await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "in_app"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "last_digest_on"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "quiet_hours_end"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "quiet_hours_start"`);
        await queryRunner.query(`DROP TABLE "notification_preferences"`);
    }

}
