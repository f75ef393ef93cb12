import { MigrationInterface, QueryRunner } from "typeorm";
import { displayNameKey } from "../../common/confusables";

export class DisplayNameKeys1796193984879 implements MigrationInterface {
    name = 'DisplayNameKeys1796193984879'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" ADD "display_name_key" character varying(200) NOT NULL DEFAULT ''`);
        await queryRunner.query(`CREATE INDEX "users_display_name_key_idx" ON "users" ("display_name_key") `);
        // Existing members' keys (the key is computed in TypeScript from Unicode's confusables table).
        const users: { id: string; display_name: string }[] = await queryRunner.query(`SELECT id, display_name FROM "users" WHERE deleted_at IS NULL`);
        for (const user of users) {
            await queryRunner.query(`UPDATE "users" SET "display_name_key" = $2 WHERE id = $1`, [user.id, displayNameKey(user.display_name)]);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."users_display_name_key_idx"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "display_name_key"`);
    }

}
