import { MigrationInterface, QueryRunner } from "typeorm";

/** Search ranks the newest matching posts; this lets common words be read newest first. */
export class SearchRecency1795766000000 implements MigrationInterface {
    name = 'SearchRecency1795766000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "posts_created_at_idx" ON "posts" ("created_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."posts_created_at_idx"`);
    }

}
