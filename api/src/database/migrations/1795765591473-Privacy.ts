import { MigrationInterface, QueryRunner } from "typeorm";

/** Every table a member writes rows of, with the column naming that member. */
const DEPARTED_MEMBER_COLUMNS: Record<string, string> = {
    posts: 'author_id',
    threads: 'author_id',
    rsvps: 'user_id',
    drafts: 'user_id',
    reactions: 'user_id',
    sessions: 'user_id',
    cheers: 'user_id',
    follows: 'follower_id',
    celebrations: 'author_id',
    flags: 'flagger_id',
    resource_saves: 'user_id',
    resource_reports: 'user_id',
    thread_watches: 'user_id',
    events: 'organizer_id',
    resources: 'author_id',
    appeals: 'appellant_id',
    calendar_tokens: 'user_id',
    notification_preferences: 'user_id',
    blocks: 'blocker_id',
    password_resets: 'user_id',
};

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
        for (const column of new Set(Object.values(DEPARTED_MEMBER_COLUMNS))) {
            await queryRunner.query(`
            CREATE FUNCTION refuse_departed_${column}() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE departed boolean;
            BEGIN
                -- Locks the row whatever it holds, so this waits for a deletion in progress and
                -- then reads the row as the deletion left it.
                SELECT u.deleted_at IS NOT NULL INTO departed FROM users u WHERE u.id = NEW.${column} FOR KEY SHARE;
                IF departed THEN
                    RAISE EXCEPTION 'member % has deleted their account', NEW.${column} USING ERRCODE = 'KD001';
                END IF;
                RETURN NEW;
            END $$`);
        }
        for (const [table, column] of Object.entries(DEPARTED_MEMBER_COLUMNS)) {
            await queryRunner.query(`CREATE TRIGGER ${table}_departed_member BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION refuse_departed_${column}()`);
        }
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
        for (const table of Object.keys(DEPARTED_MEMBER_COLUMNS)) {
            await queryRunner.query(`DROP TRIGGER ${table}_departed_member ON "${table}"`);
        }
        for (const column of new Set(Object.values(DEPARTED_MEMBER_COLUMNS))) {
            await queryRunner.query(`DROP FUNCTION refuse_departed_${column}()`);
        }
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
