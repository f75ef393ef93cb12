import { MigrationInterface, QueryRunner } from 'typeorm';

/** Delays past ~24.8 days (an event reminder for an event weeks ahead) overflow an integer. */
export class OutboxLongDelays1795761000000 implements MigrationInterface {
  name = 'OutboxLongDelays1795761000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" ALTER COLUMN "delay_ms" TYPE bigint`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" ALTER COLUMN "delay_ms" TYPE integer`);
  }
}
