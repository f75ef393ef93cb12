import { MigrationInterface, QueryRunner } from "typeorm";

export class Discussions1795755754803 implements MigrationInterface {
    name = 'Discussions1795755754803'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "blocks" ("blocker_id" uuid NOT NULL, "blocked_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_806f6a5d38d031cdd868fd5e37e" PRIMARY KEY ("blocker_id", "blocked_id"))`);
        await queryRunner.query(`CREATE INDEX "blocks_blocked_id_idx" ON "blocks" ("blocked_id") `);
        await queryRunner.query(`CREATE TABLE "drafts" ("user_id" uuid NOT NULL, "draft_key" character varying(60) NOT NULL, "title" character varying(150), "body" text NOT NULL, "category_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4c11153ac19300e5510726ff185" PRIMARY KEY ("user_id", "draft_key"))`);
        await queryRunner.query(`CREATE INDEX "drafts_updated_at_idx" ON "drafts" ("updated_at") `);
        await queryRunner.query(`CREATE TABLE "post_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "post_id" uuid NOT NULL, "body" text NOT NULL, "content_warning" character varying(140), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_871219c3d5044d70ff7d59480b8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "post_revisions_post_idx" ON "post_revisions" ("post_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "reactions" ("post_id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d79d1ea3af17596396620d8696f" PRIMARY KEY ("post_id", "user_id", "kind"))`);
        await queryRunner.query(`CREATE INDEX "reactions_user_id_idx" ON "reactions" ("user_id") `);
        await queryRunner.query(`CREATE TABLE "thread_watches" ("thread_id" uuid NOT NULL, "user_id" uuid NOT NULL, "watching" boolean NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_592ebba3fdf3e60f14f2174bc6d" PRIMARY KEY ("thread_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "thread_watches_watchers_idx" ON "thread_watches" ("thread_id") WHERE watching`);
        await queryRunner.query(`ALTER TABLE "users" ADD "topic_filters" character varying(16) array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "posts" ADD "topics" character varying(16) array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "posts" ADD "mentioned_user_ids" uuid array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "posts" ADD "deleted_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "posts" ADD "search_vector" tsvector`);
        // Search: the body, plus the thread title for an opening post, kept current by the database.
        await queryRunner.query(`
            CREATE FUNCTION posts_search_vector_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.search_vector :=
                    setweight(to_tsvector('english', coalesce(
                        CASE WHEN NEW.position = 1 THEN (SELECT title FROM threads WHERE id = NEW.thread_id) END, '')), 'A')
                    || setweight(to_tsvector('english', NEW.body), 'B');
                RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER posts_search_vector BEFORE INSERT OR UPDATE OF body ON posts FOR EACH ROW EXECUTE FUNCTION posts_search_vector_update()`);
        await queryRunner.query(`
            CREATE FUNCTION threads_title_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE posts SET body = body WHERE thread_id = NEW.id AND position = 1;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER threads_title_search AFTER UPDATE OF title ON threads FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION threads_title_search_update()`);
        await queryRunner.query(`UPDATE posts SET body = body`);
        await queryRunner.query(`CREATE INDEX "posts_search_idx" ON "posts" USING GIN ("search_vector")`);
        await queryRunner.query(`ALTER TABLE "blocks" ADD CONSTRAINT "FK_74f530c6fbffc357047b263818d" FOREIGN KEY ("blocker_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "blocks" ADD CONSTRAINT "FK_8aa6c887bed61ad10829450f2f0" FOREIGN KEY ("blocked_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "drafts" ADD CONSTRAINT "FK_1cb719ae58a20f6609125c429e6" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "post_revisions" ADD CONSTRAINT "FK_21715fae1f647ae1e4b0741346a" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "reactions" ADD CONSTRAINT "FK_a1ac38351a456da43cd26d38be8" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "reactions" ADD CONSTRAINT "FK_dde6062145a93649adc5af3946e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "thread_watches" ADD CONSTRAINT "FK_85d3a0f6fb4ca0f1e4265a997c1" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "thread_watches" ADD CONSTRAINT "FK_92c6c65de883a754715e03fe0d3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "thread_watches" DROP CONSTRAINT "FK_92c6c65de883a754715e03fe0d3"`);
        await queryRunner.query(`ALTER TABLE "thread_watches" DROP CONSTRAINT "FK_85d3a0f6fb4ca0f1e4265a997c1"`);
        await queryRunner.query(`ALTER TABLE "reactions" DROP CONSTRAINT "FK_dde6062145a93649adc5af3946e"`);
        await queryRunner.query(`ALTER TABLE "reactions" DROP CONSTRAINT "FK_a1ac38351a456da43cd26d38be8"`);
        await queryRunner.query(`ALTER TABLE "post_revisions" DROP CONSTRAINT "FK_21715fae1f647ae1e4b0741346a"`);
        await queryRunner.query(`ALTER TABLE "drafts" DROP CONSTRAINT "FK_1cb719ae58a20f6609125c429e6"`);
        await queryRunner.query(`ALTER TABLE "blocks" DROP CONSTRAINT "FK_8aa6c887bed61ad10829450f2f0"`);
        await queryRunner.query(`ALTER TABLE "blocks" DROP CONSTRAINT "FK_74f530c6fbffc357047b263818d"`);
        await queryRunner.query(`DROP INDEX "public"."posts_search_idx"`);
        await queryRunner.query(`DROP TRIGGER threads_title_search ON threads`);
        await queryRunner.query(`DROP FUNCTION threads_title_search_update()`);
        await queryRunner.query(`DROP TRIGGER posts_search_vector ON posts`);
        await queryRunner.query(`DROP FUNCTION posts_search_vector_update()`);
        await queryRunner.query(`ALTER TABLE "posts" DROP COLUMN "search_vector"`);
        await queryRunner.query(`ALTER TABLE "posts" DROP COLUMN "deleted_at"`);
        await queryRunner.query(`ALTER TABLE "posts" DROP COLUMN "mentioned_user_ids"`);
        await queryRunner.query(`ALTER TABLE "posts" DROP COLUMN "topics"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "topic_filters"`);
        await queryRunner.query(`DROP INDEX "public"."thread_watches_watchers_idx"`);
        await queryRunner.query(`DROP TABLE "thread_watches"`);
        await queryRunner.query(`DROP INDEX "public"."reactions_user_id_idx"`);
        await queryRunner.query(`DROP TABLE "reactions"`);
        await queryRunner.query(`DROP INDEX "public"."post_revisions_post_idx"`);
        await queryRunner.query(`DROP TABLE "post_revisions"`);
        await queryRunner.query(`DROP INDEX "public"."drafts_updated_at_idx"`);
        await queryRunner.query(`DROP TABLE "drafts"`);
        await queryRunner.query(`DROP INDEX "public"."blocks_blocked_id_idx"`);
        await queryRunner.query(`DROP TABLE "blocks"`);
    }

}
