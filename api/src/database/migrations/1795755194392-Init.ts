import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795755194392 implements MigrationInterface {
    name = 'Init1795755194392'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "password_hash" character varying(255) NOT NULL, "display_name" character varying(40) NOT NULL, "role" character varying(16) NOT NULL DEFAULT 'MEMBER', "bio" text, "pronouns" character varying(40), "time_zone" character varying(64) NOT NULL DEFAULT 'UTC', "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users" ("email") `);
        // Display names are unique without regard to case, so an @mention names one person.
        await queryRunner.query(`CREATE UNIQUE INDEX "users_display_name_lower_key" ON "users" (lower("display_name"))`);
        await queryRunner.query(`CREATE TABLE "invites" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code_hash" character(64) NOT NULL, "code_hint" character varying(8) NOT NULL, "email" character varying(254), "role" character varying(16) NOT NULL DEFAULT 'MEMBER', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "used_by" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_aa52e96b44a714372f4dd31a0af" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "invites_code_hash_key" ON "invites" ("code_hash") `);
        await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "device_hint" character varying(120), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "sessions_user_id_idx" ON "sessions" ("user_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions" ("token_hash") `);
        await queryRunner.query(`CREATE TABLE "categories" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(60) NOT NULL, "slug" character varying(80) NOT NULL, "description" character varying(300) NOT NULL DEFAULT '', "position" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_24dbc6126a28ff948da33e97d3b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "categories_name_key" ON "categories" ("name") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "categories_slug_key" ON "categories" ("slug") `);
        await queryRunner.query(`CREATE TABLE "threads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "category_id" uuid NOT NULL, "author_id" uuid NOT NULL, "title" character varying(150) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "pinned" boolean NOT NULL DEFAULT false, "locked" boolean NOT NULL DEFAULT false, "reply_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_d8a74804c34fc3900502cd27275" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "threads_author_id_idx" ON "threads" ("author_id") `);
        await queryRunner.query(`CREATE INDEX "threads_category_listing_idx" ON "threads" ("category_id", "pinned", "last_activity_at", "id") `);
        await queryRunner.query(`CREATE INDEX "threads_listing_idx" ON "threads" ("pinned", "last_activity_at", "id") `);
        await queryRunner.query(`CREATE TABLE "posts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "thread_id" uuid NOT NULL, "position" integer NOT NULL, "author_id" uuid NOT NULL, "reply_to_post_id" uuid, "body" text NOT NULL, "body_html" text NOT NULL, "content_warning" character varying(140), "status" character varying(16) NOT NULL DEFAULT 'VISIBLE', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "edited_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2829ac61eff60fcec60d7274b9e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "posts_author_id_idx" ON "posts" ("author_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "posts_thread_position_key" ON "posts" ("thread_id", "position") `);
        await queryRunner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "type" character varying(32) NOT NULL, "source_key" character varying(120) NOT NULL, "title" character varying(200) NOT NULL, "body" character varying(300) NOT NULL DEFAULT '', "url" character varying(500) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "notifications_user_listing_idx" ON "notifications" ("user_id", "created_at", "id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "notifications_user_source_key" ON "notifications" ("user_id", "source_key") `);
        await queryRunner.query(`CREATE TABLE "outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "queue" character varying(64) NOT NULL, "name" character varying(100) NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "dispatched_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "outbox_pending_idx" ON "outbox" ("created_at") WHERE dispatched_at IS NULL`);
        await queryRunner.query(`ALTER TABLE "invites" ADD CONSTRAINT "FK_547a8b9865f16d776c08c72eac0" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invites" ADD CONSTRAINT "FK_0ca8d76277aa4c68d4291d93634" FOREIGN KEY ("used_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "threads" ADD CONSTRAINT "FK_a928eceed5f9b00d531bccfbf9d" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "threads" ADD CONSTRAINT "FK_71b6a8e2ea822297f14b96c3183" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "posts" ADD CONSTRAINT "FK_89efae744488da3393177c9ccbf" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "posts" ADD CONSTRAINT "FK_312c63be865c81b922e39c2475e" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "posts" ADD CONSTRAINT "FK_5844285f5e4d7076c5dd1ad67a1" FOREIGN KEY ("reply_to_post_id") REFERENCES "posts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"`);
        await queryRunner.query(`ALTER TABLE "posts" DROP CONSTRAINT "FK_5844285f5e4d7076c5dd1ad67a1"`);
        await queryRunner.query(`ALTER TABLE "posts" DROP CONSTRAINT "FK_312c63be865c81b922e39c2475e"`);
        await queryRunner.query(`ALTER TABLE "posts" DROP CONSTRAINT "FK_89efae744488da3393177c9ccbf"`);
        await queryRunner.query(`ALTER TABLE "threads" DROP CONSTRAINT "FK_71b6a8e2ea822297f14b96c3183"`);
        await queryRunner.query(`ALTER TABLE "threads" DROP CONSTRAINT "FK_a928eceed5f9b00d531bccfbf9d"`);
        await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"`);
        await queryRunner.query(`ALTER TABLE "invites" DROP CONSTRAINT "FK_0ca8d76277aa4c68d4291d93634"`);
        await queryRunner.query(`ALTER TABLE "invites" DROP CONSTRAINT "FK_547a8b9865f16d776c08c72eac0"`);
        await queryRunner.query(`DROP INDEX "public"."outbox_pending_idx"`);
        await queryRunner.query(`DROP TABLE "outbox"`);
        await queryRunner.query(`DROP INDEX "public"."notifications_user_source_key"`);
        await queryRunner.query(`DROP INDEX "public"."notifications_user_listing_idx"`);
        await queryRunner.query(`DROP TABLE "notifications"`);
        await queryRunner.query(`DROP INDEX "public"."posts_thread_position_key"`);
        await queryRunner.query(`DROP INDEX "public"."posts_author_id_idx"`);
        await queryRunner.query(`DROP TABLE "posts"`);
        await queryRunner.query(`DROP INDEX "public"."threads_listing_idx"`);
        await queryRunner.query(`DROP INDEX "public"."threads_category_listing_idx"`);
        await queryRunner.query(`DROP INDEX "public"."threads_author_id_idx"`);
        await queryRunner.query(`DROP TABLE "threads"`);
        await queryRunner.query(`DROP INDEX "public"."categories_slug_key"`);
        await queryRunner.query(`DROP INDEX "public"."categories_name_key"`);
        await queryRunner.query(`DROP TABLE "categories"`);
        await queryRunner.query(`DROP INDEX "public"."sessions_token_hash_key"`);
        await queryRunner.query(`DROP INDEX "public"."sessions_user_id_idx"`);
        await queryRunner.query(`DROP TABLE "sessions"`);
        await queryRunner.query(`DROP INDEX "public"."invites_code_hash_key"`);
        await queryRunner.query(`DROP TABLE "invites"`);
        await queryRunner.query(`DROP INDEX "public"."users_display_name_lower_key"`);
        await queryRunner.query(`DROP INDEX "public"."users_email_key"`);
        await queryRunner.query(`DROP TABLE "users"`);
    }

}
