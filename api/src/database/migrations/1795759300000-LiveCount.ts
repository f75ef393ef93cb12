import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tells listening api replicas whose notifications changed (for the live unread count). */
export class LiveCount1795759300000 implements MigrationInterface {
  name = 'LiveCount1795759300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notifications_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('kinship_notifications', NEW.user_id::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER notifications_changed AFTER INSERT OR UPDATE OF read_at ON notifications FOR EACH ROW EXECUTE FUNCTION notifications_announce_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER notifications_changed ON notifications`);
    await queryRunner.query(`DROP FUNCTION notifications_announce_change()`);
  }
}
