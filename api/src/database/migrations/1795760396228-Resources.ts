import { MigrationInterface, QueryRunner } from "typeorm";

export class Resources1795760396228 implements MigrationInterface {
    name = 'Resources1795760396228'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "resource_boards" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(60) NOT NULL, "description" character varying(300) NOT NULL DEFAULT '', "position" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1908457eb02be5a0af8f5abfec8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "resource_boards_name_key" ON "resource_boards" ("name") `);
        await queryRunner.query(`CREATE TABLE "resource_saves" ("resource_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1e475668b1b970e6c58d03a5aca" PRIMARY KEY ("resource_id", "user_id"))`);
        await queryRunner.query(`CREATE TABLE "resource_reports" ("resource_id" uuid NOT NULL, "user_id" uuid NOT NULL, "note" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_071934bd0838c9dfa898eaf8c47" PRIMARY KEY ("resource_id", "user_id"))`);
        await queryRunner.query(`CREATE TABLE "resources" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "board_id" uuid NOT NULL, "author_id" uuid NOT NULL, "title" character varying(120) NOT NULL, "organization" character varying(120) NOT NULL, "description" text NOT NULL DEFAULT '', "description_html" text NOT NULL DEFAULT '', "location" character varying(120), "remote" boolean NOT NULL DEFAULT false, "url" character varying(500), "tags" character varying(30) array NOT NULL DEFAULT '{}', "contact" character varying(200), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'PENDING_REVIEW', "reminded_for" TIMESTAMP WITH TIME ZONE, "expired_notified_for" TIMESTAMP WITH TIME ZONE, "search_vector" tsvector, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_632484ab9dff41bba94f9b7c85e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "resources_listing_idx" ON "resources" ("board_id", "created_at", "id") `);
        await queryRunner.query(`
            CREATE FUNCTION resources_search_vector_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.search_vector :=
                    setweight(to_tsvector('english', NEW.title), 'A')
                    || setweight(to_tsvector('english', NEW.organization), 'B')
                    || setweight(to_tsvector('english', NEW.description), 'C');
                RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER resources_search_vector BEFORE INSERT OR UPDATE OF title, organization, description ON resources FOR EACH ROW EXECUTE FUNCTION resources_search_vector_update()`);
        await queryRunner.query(`CREATE INDEX "resources_search_idx" ON "resources" USING GIN ("search_vector")`);
        await queryRunner.query(`CREATE INDEX "resources_tags_idx" ON "resources" USING GIN ("tags")`);
        await queryRunner.query(`INSERT INTO resource_boards (name, description, position) VALUES
            ('Jobs', 'Openings with employers who welcome people in recovery.', 0),
            ('Training and education', 'Courses, apprenticeships and certificates.', 1),
            ('Housing', 'Sober living, rentals and housing help.', 2),
            ('Legal and benefits', 'Record relief, benefits and legal aid.', 3),
            ('Community services', 'Food, transport, health and other local help.', 4)
            ON CONFLICT DO NOTHING`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."resources_tags_idx"`);
        await queryRunner.query(`DROP INDEX "public"."resources_search_idx"`);
        await queryRunner.query(`DROP TRIGGER resources_search_vector ON resources`);
        await queryRunner.query(`DROP FUNCTION resources_search_vector_update()`);
        await queryRunner.query(`DROP INDEX "public"."resources_listing_idx"`);
        await queryRunner.query(`DROP TABLE "resources"`);
        await queryRunner.query(`DROP TABLE "resource_reports"`);
        await queryRunner.query(`DROP TABLE "resource_saves"`);
        await queryRunner.query(`DROP INDEX "public"."resource_boards_name_key"`);
        await queryRunner.query(`DROP TABLE "resource_boards"`);
    }

}
