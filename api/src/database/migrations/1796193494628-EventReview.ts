import { MigrationInterface, QueryRunner } from "typeorm";

export class EventReview1796193494628 implements MigrationInterface {
    name = 'EventReview1796193494628'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "events" ADD "changed_in_review" boolean NOT NULL DEFAULT false`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "changed_in_review"`);
    }

}
