import { MigrationInterface, QueryRunner } from "typeorm";

export class Privacy1795765591473 implements MigrationInterface {
    name = 'Privacy1795765591473'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "password_resets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4816377aa98211c1de34469e742" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "password_resets_user_id_idx" ON "password_resets" ("user_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "password_resets_token_hash_key" ON "password_resets" ("token_hash") `);
        await queryRunner.query(`ALTER TABLE "users" ADD "deleted_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "password_resets" ADD CONSTRAINT "FK_f7a4c3bc48f24df007936d217be" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "password_resets" ADD CONSTRAINT "FK_0ea7cae4f14d7489d10f727a86f" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

        // A deleted member's name becomes "Former member", shared by every former member.
        await queryRunner.query(`DROP INDEX "public"."users_display_name_lower_key"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "users_display_name_lower_key" ON "users" (lower("display_name")) WHERE "deleted_at" IS NULL`);
        // Jobs queued for a member who has since deleted their account leave no trace.
        await queryRunner.query(`
            CREATE OR REPLACE FUNCTION notifications_apply_in_app_preference() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.user_id AND u.deleted_at IS NOT NULL) THEN
                    RETURN NULL;
                END IF;
                NEW.in_app := NEW.urgent OR COALESCE(
                    (SELECT p.in_app FROM notification_preferences p WHERE p.user_id = NEW.user_id AND p.type = NEW.type), true);
                RETURN NEW;
            END $$`);
        // The log stays append-only; the one change allowed is erasing the excerpt of a deleted
        // member's words, so an entry keeps only who, what and when.
        await queryRunner.query(`
            CREATE OR REPLACE FUNCTION moderation_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND NEW.excerpt IS NULL
                   AND to_jsonb(NEW) - 'excerpt' = to_jsonb(OLD) - 'excerpt' THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION 'the moderation log is append-only: % is not allowed', TG_OP;
            END $$`);
        // A request that was already under way when its member deleted their account waits for the
        // deletion's row lock (FOR KEY SHARE against FOR UPDATE), then finds the member gone and
        // writes nothing: no post, RSVP or session can outlive the account.
        // (One function per column name, so each is plain, plan-cached SQL.)
        await queryRunner.query(`
            CREATE FUNCTION refuse_departed_appellant_id() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE departed boolean;
            BEGIN
                -- Locks the row whatever it holds, so this waits for a deletion in progress and
                -- then reads the row as the deletion left it.
                SELECT u.deleted_at IS NOT NULL INTO departed FROM users u WHERE u.id = NEW.appellant_id FOR KEY SHARE;
                IF departed THEN
                    RAISE EXCEPTION 'member % has deleted their account', NEW.appellant_id USING ERRCODE = 'KD001';
                END IF;
                RETURN NEW;
            END $$`);
        await queryRunner.query(`
            CREATE FUNCTION refuse_departed_author_id() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE departed boolean;
            BEGIN
                -- Locks the row whatever it holds, so this waits for a deletion in progress and
                -- then reads the row as the deletion left it.
                SELECT u.deleted_at IS NOT NULL INTO departed FROM users u WHERE u.id = NEW.author_id FOR KEY SHARE;
                IF departed THEN
                    RAISE EXCEPTION 'member % has deleted their account', NEW.author_id USING ERRCODE = 'KD001';
                END IF;
                RETURN NEW;
            END $$`);
        await queryRunner.query(`
            CREATE FUNCTION refuse_departed_blocker_id() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE departed boolean;
            BEGIN
                -- Locks the row whatever it holds, so this waits for a deletion in progress and
                -- then reads the row as the deletion left it.
                SELECT u.deleted_at IS NOT NULL INTO departed FROM users u WHERE u.id = NEW.blocker_id FOR KEY SHARE;
                IF departed THEN
                    RAISE EXCEPTION 'member % has deleted their account', NEW.blocker_id USING ERRCODE = 'KD001';
                END IF;
                RETURN NEW;
            END $$`);
        await queryRunner.query(`
            CREATE FUNCTION refuse_departed_flagger_id() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE departed boolean;
            BEGIN
                -- Locks the row whatever it holds, so this waits for a deletion in progress and
                -- then reads the row as the deletion left it.
                SELECT u.deleted_at IS NOT NULL INTO departed FROM users u WHERE u.id = NEW.flagger_id FOR KEY SHARE;
                IF departed THEN
                    RAISE EXCEPTION 'member % has deleted their account', NEW.flagger_id USING ERRCODE = 'KD001';
                END IF;
                RETURN NEW;
            END $$`);
        await queryRunner.query(`
            CREATE FUNCTION refuse_departed_follower_id() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE departed boolean;
            BEGIN
                -- Locks the row whatever it holds, so this waits for a deletion in progress and
                -- then reads the row as the deletion left it.
                SELECT u.deleted_at IS NOT NULL INTO departed FROM users u WHERE u.id = NEW.follower_id FOR KEY SHARE;
                IF departed THEN
                    RAISE EXCEPTION 'member % has deleted their account', NEW.follower_id USING ERRCODE = 'KD001';
                END IF;
                RETURN NEW;
            END $$`);
        await queryRunner.query(`
            CREATE FUNCTION refuse_departed_organizer_id() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE departed boolean;
            BEGIN
                -- Locks the row whatever it holds, so this waits for a deletion in progress and
                -- then reads the row as the deletion left it.
                SELECT u.deleted_at IS NOT NULL INTO departed FROM users u WHERE u.id = NEW.organizer_id FOR KEY SHARE;
                IF departed THEN
                    RAISE EXCEPTION 'member % has deleted their account', NEW.organizer_id USING ERRCODE = 'KD001';
                END IF;
                RETURN NEW;
            END $$`);
        await queryRunner.query(`
            CREATE FUNCTION refuse_departed_user_id() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE departed boolean;
            BEGIN
                -- Locks the row whatever it holds, so this waits for a deletion in progress and
                -- then reads the row as the deletion left it.
                SELECT u.deleted_at IS NOT NULL INTO departed FROM users u WHERE u.id = NEW.user_id FOR KEY SHARE;
                IF departed THEN
                    RAISE EXCEPTION 'member % has deleted their account', NEW.user_id USING ERRCODE = 'KD001';
                END IF;
                RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER posts_departed_member BEFORE INSERT ON "posts" FOR EACH ROW EXECUTE FUNCTION refuse_departed_author_id()`);
        await queryRunner.query(`CREATE TRIGGER threads_departed_member BEFORE INSERT ON "threads" FOR EACH ROW EXECUTE FUNCTION refuse_departed_author_id()`);
        await queryRunner.query(`CREATE TRIGGER rsvps_departed_member BEFORE INSERT ON "rsvps" FOR EACH ROW EXECUTE FUNCTION refuse_departed_user_id()`);
        await queryRunner.query(`CREATE TRIGGER drafts_departed_member BEFORE INSERT ON "drafts" FOR EACH ROW EXECUTE FUNCTION refuse_departed_user_id()`);
        await queryRunner.query(`CREATE TRIGGER reactions_departed_member BEFORE INSERT ON "reactions" FOR EACH ROW EXECUTE FUNCTION refuse_departed_user_id()`);
        await queryRunner.query(`CREATE TRIGGER sessions_departed_member BEFORE INSERT ON "sessions" FOR EACH ROW EXECUTE FUNCTION refuse_departed_user_id()`);
        await queryRunner.query(`CREATE TRIGGER cheers_departed_member BEFORE INSERT ON "cheers" FOR EACH ROW EXECUTE FUNCTION refuse_departed_user_id()`);
        await queryRunner.query(`CREATE TRIGGER follows_departed_member BEFORE INSERT ON "follows" FOR EACH ROW EXECUTE FUNCTION refuse_departed_follower_id()`);
        await queryRunner.query(`CREATE TRIGGER celebrations_departed_member BEFORE INSERT ON "celebrations" FOR EACH ROW EXECUTE FUNCTION refuse_departed_author_id()`);
        await queryRunner.query(`CREATE TRIGGER flags_departed_member BEFORE INSERT ON "flags" FOR EACH ROW EXECUTE FUNCTION refuse_departed_flagger_id()`);
        await queryRunner.query(`CREATE TRIGGER resource_saves_departed_member BEFORE INSERT ON "resource_saves" FOR EACH ROW EXECUTE FUNCTION refuse_departed_user_id()`);
        await queryRunner.query(`CREATE TRIGGER resource_reports_departed_member BEFORE INSERT ON "resource_reports" FOR EACH ROW EXECUTE FUNCTION refuse_departed_user_id()`);
        await queryRunner.query(`CREATE TRIGGER thread_watches_departed_member BEFORE INSERT ON "thread_watches" FOR EACH ROW EXECUTE FUNCTION refuse_departed_user_id()`);
        await queryRunner.query(`CREATE TRIGGER events_departed_member BEFORE INSERT ON "events" FOR EACH ROW EXECUTE FUNCTION refuse_departed_organizer_id()`);
        await queryRunner.query(`CREATE TRIGGER resources_departed_member BEFORE INSERT ON "resources" FOR EACH ROW EXECUTE FUNCTION refuse_departed_author_id()`);
        await queryRunner.query(`CREATE TRIGGER appeals_departed_member BEFORE INSERT ON "appeals" FOR EACH ROW EXECUTE FUNCTION refuse_departed_appellant_id()`);
        await queryRunner.query(`CREATE TRIGGER calendar_tokens_departed_member BEFORE INSERT ON "calendar_tokens" FOR EACH ROW EXECUTE FUNCTION refuse_departed_user_id()`);
        await queryRunner.query(`CREATE TRIGGER notification_preferences_departed_member BEFORE INSERT ON "notification_preferences" FOR EACH ROW EXECUTE FUNCTION refuse_departed_user_id()`);
        await queryRunner.query(`CREATE TRIGGER blocks_departed_member BEFORE INSERT ON "blocks" FOR EACH ROW EXECUTE FUNCTION refuse_departed_blocker_id()`);
        await queryRunner.query(`CREATE TRIGGER password_resets_departed_member BEFORE INSERT ON "password_resets" FOR EACH ROW EXECUTE FUNCTION refuse_departed_user_id()`);
        // Nor can a late profile, password or recovery-date change write onto an erased row.
        await queryRunner.query(`
            CREATE FUNCTION users_keep_departed_erased() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.deleted_at IS NOT NULL THEN
                    RETURN NULL;
                END IF;
                RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER users_keep_departed_erased BEFORE UPDATE ON "users" FOR EACH ROW EXECUTE FUNCTION users_keep_departed_erased()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER users_keep_departed_erased ON "users"`);
        await queryRunner.query(`DROP FUNCTION users_keep_departed_erased()`);
        await queryRunner.query(`DROP TRIGGER posts_departed_member ON "posts"`);
        await queryRunner.query(`DROP TRIGGER threads_departed_member ON "threads"`);
        await queryRunner.query(`DROP TRIGGER rsvps_departed_member ON "rsvps"`);
        await queryRunner.query(`DROP TRIGGER drafts_departed_member ON "drafts"`);
        await queryRunner.query(`DROP TRIGGER reactions_departed_member ON "reactions"`);
        await queryRunner.query(`DROP TRIGGER sessions_departed_member ON "sessions"`);
        await queryRunner.query(`DROP TRIGGER cheers_departed_member ON "cheers"`);
        await queryRunner.query(`DROP TRIGGER follows_departed_member ON "follows"`);
        await queryRunner.query(`DROP TRIGGER celebrations_departed_member ON "celebrations"`);
        await queryRunner.query(`DROP TRIGGER flags_departed_member ON "flags"`);
        await queryRunner.query(`DROP TRIGGER resource_saves_departed_member ON "resource_saves"`);
        await queryRunner.query(`DROP TRIGGER resource_reports_departed_member ON "resource_reports"`);
        await queryRunner.query(`DROP TRIGGER thread_watches_departed_member ON "thread_watches"`);
        await queryRunner.query(`DROP TRIGGER events_departed_member ON "events"`);
        await queryRunner.query(`DROP TRIGGER resources_departed_member ON "resources"`);
        await queryRunner.query(`DROP TRIGGER appeals_departed_member ON "appeals"`);
        await queryRunner.query(`DROP TRIGGER calendar_tokens_departed_member ON "calendar_tokens"`);
        await queryRunner.query(`DROP TRIGGER notification_preferences_departed_member ON "notification_preferences"`);
        await queryRunner.query(`DROP TRIGGER blocks_departed_member ON "blocks"`);
        await queryRunner.query(`DROP TRIGGER password_resets_departed_member ON "password_resets"`);
        await queryRunner.query(`DROP FUNCTION refuse_departed_appellant_id()`);
        await queryRunner.query(`DROP FUNCTION refuse_departed_author_id()`);
        await queryRunner.query(`DROP FUNCTION refuse_departed_blocker_id()`);
        await queryRunner.query(`DROP FUNCTION refuse_departed_flagger_id()`);
        await queryRunner.query(`DROP FUNCTION refuse_departed_follower_id()`);
        await queryRunner.query(`DROP FUNCTION refuse_departed_organizer_id()`);
        await queryRunner.query(`DROP FUNCTION refuse_departed_user_id()`);
        await queryRunner.query(`
            CREATE OR REPLACE FUNCTION moderation_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the moderation log is append-only: % is not allowed', TG_OP;
            END $$`);
        await queryRunner.query(`
            CREATE OR REPLACE FUNCTION notifications_apply_in_app_preference() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.in_app := NEW.urgent OR COALESCE(
                    (SELECT p.in_app FROM notification_preferences p WHERE p.user_id = NEW.user_id AND p.type = NEW.type), true);
                RETURN NEW;
            END $$`);
        await queryRunner.query(`DROP INDEX "public"."users_display_name_lower_key"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "users_display_name_lower_key" ON "users" (lower("display_name"))`);
        await queryRunner.query(`ALTER TABLE "password_resets" DROP CONSTRAINT "FK_0ea7cae4f14d7489d10f727a86f"`);
        await queryRunner.query(`ALTER TABLE "password_resets" DROP CONSTRAINT "FK_f7a4c3bc48f24df007936d217be"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "deleted_at"`);
        await queryRunner.query(`DROP INDEX "public"."password_resets_token_hash_key"`);
        await queryRunner.query(`DROP INDEX "public"."password_resets_user_id_idx"`);
        await queryRunner.query(`DROP TABLE "password_resets"`);
    }

}
