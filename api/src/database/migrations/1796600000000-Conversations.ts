import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Private conversations (members, messages, accepted message requests, each member's messaging
 * choices and the messages a report shared with moderators) and the mentor programme (topics,
 * mentor profiles, pairings). Only a conversation's participants read its messages; moderators
 * read the ones a report shared, through reported_messages.
 */
export class Conversations1796600000000 implements MigrationInterface {
    name = 'Conversations1796600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "conversations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL DEFAULT 'DIRECT', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_message_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ee34f4f7ced4ec8681f26bf04ef" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "conversations_last_message_idx" ON "conversations" ("last_message_at") `);
        await queryRunner.query(`CREATE TABLE "conversation_members" ("conversation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'ACTIVE', "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_read_at" TIMESTAMP WITH TIME ZONE, "muted" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_5fa9076068b6f2a26fb793d2439" PRIMARY KEY ("conversation_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "conversation_members_user_idx" ON "conversation_members" ("user_id", "status") `);
        await queryRunner.query(`CREATE TABLE "messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conversation_id" uuid NOT NULL, "author_id" uuid, "body" text NOT NULL, "body_html" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'VISIBLE', "deleted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "messages_author_idx" ON "messages" ("author_id") `);
        await queryRunner.query(`CREATE INDEX "messages_conversation_idx" ON "messages" ("conversation_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "message_contacts" ("user_a" uuid NOT NULL, "user_b" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0b2b170e319826acbab6347fd3a" PRIMARY KEY ("user_a", "user_b"))`);
        await queryRunner.query(`CREATE TABLE "message_settings" ("user_id" uuid NOT NULL, "allow_requests" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6287cbb933fb297acfa4f5d9cd6" PRIMARY KEY ("user_id"))`);
        await queryRunner.query(`CREATE TABLE "reported_messages" ("case_id" uuid NOT NULL, "message_id" uuid NOT NULL, "reported" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_e67c5ed46c08c21bb27f431c856" PRIMARY KEY ("case_id", "message_id"))`);
        await queryRunner.query(`CREATE INDEX "reported_messages_message_idx" ON "reported_messages" ("message_id") `);
        await queryRunner.query(`CREATE TABLE "mentor_topics" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "label" character varying(80) NOT NULL, "position" integer NOT NULL DEFAULT '0', "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_00e86e6b4ecd2209aa5bcaa8511" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "mentor_profiles" ("user_id" uuid NOT NULL, "about" text NOT NULL, "topic_ids" uuid array NOT NULL DEFAULT '{}', "capacity" smallint NOT NULL DEFAULT '1', "available" boolean NOT NULL DEFAULT true, "status" character varying(16) NOT NULL DEFAULT 'PENDING', "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5fa86c14c3a0de91f7253a180bb" PRIMARY KEY ("user_id"))`);
        await queryRunner.query(`CREATE INDEX "mentor_profiles_status_idx" ON "mentor_profiles" ("status") `);
        await queryRunner.query(`CREATE TABLE "mentor_pairings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "mentor_id" uuid NOT NULL, "mentee_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'REQUESTED', "note" text, "topic_ids" uuid array NOT NULL DEFAULT '{}', "paired_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "ended_by" uuid, "end_note" text, "conversation_id" uuid, "check_in_sent_at" TIMESTAMP WITH TIME ZONE, "mentor_check_in" character varying(16), "mentee_check_in" character varying(16), CONSTRAINT "PK_a13d1ff9662fa638fbbdd663eb0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "mentor_pairings_check_in_due_idx" ON "mentor_pairings" ("check_in_sent_at") WHERE status = 'ACTIVE' AND check_in_sent_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "mentor_pairings_mentee_idx" ON "mentor_pairings" ("mentee_id", "status") `);
        await queryRunner.query(`CREATE INDEX "mentor_pairings_mentor_idx" ON "mentor_pairings" ("mentor_id", "status") `);
        await queryRunner.query(`ALTER TABLE "conversations" ADD CONSTRAINT "FK_81d92d15c62b3fff79c617c9043" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "conversation_members" ADD CONSTRAINT "FK_36340a1704b039608e34244511f" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "conversation_members" ADD CONSTRAINT "FK_a46c76be8f62c4b00a835cdc370" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "FK_3bc55a7c3f9ed54b520bb5cfe23" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "FK_05535bc695e9f7ee104616459d3" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "message_contacts" ADD CONSTRAINT "FK_d0703469780a07bd0a287590795" FOREIGN KEY ("user_a") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "message_contacts" ADD CONSTRAINT "FK_a6a9f31af9fe5fce2cc6a6174ff" FOREIGN KEY ("user_b") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "message_settings" ADD CONSTRAINT "FK_6287cbb933fb297acfa4f5d9cd6" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "reported_messages" ADD CONSTRAINT "FK_9ecbd97f3414d025eaa0a1df4ca" FOREIGN KEY ("case_id") REFERENCES "flag_cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "reported_messages" ADD CONSTRAINT "FK_f09da2344293093b06ea94785c0" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "mentor_profiles" ADD CONSTRAINT "FK_5fa86c14c3a0de91f7253a180bb" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "mentor_pairings" ADD CONSTRAINT "FK_7bf4a90122243643342dcbfc1a3" FOREIGN KEY ("mentor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "mentor_pairings" ADD CONSTRAINT "FK_443aea791f3e8e750a10476afcc" FOREIGN KEY ("mentee_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "mentor_pairings" ADD CONSTRAINT "FK_ace864166ff4917b13a91d4cf9d" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

        // One contact row per pair, the smaller id first.
        await queryRunner.query(`ALTER TABLE "message_contacts" ADD CONSTRAINT "message_contacts_ordered" CHECK (user_a < user_b)`);
        await queryRunner.query(`ALTER TABLE "mentor_profiles" ADD CONSTRAINT "mentor_profiles_capacity" CHECK (capacity BETWEEN 1 AND 3)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "mentor_topics_label_key" ON "mentor_topics" (lower(label))`);
        // A mentee has one request or pairing open at a time.
        await queryRunner.query(`CREATE UNIQUE INDEX "mentor_pairings_open_pair_key" ON "mentor_pairings" ("mentee_id") WHERE status IN ('REQUESTED', 'ACTIVE')`);
        // A block either way ends what joined the two: the accepted message request and any open
        // mentor pairing. Nobody is told why.
        await queryRunner.query(`
            CREATE FUNCTION conversations_end_on_block() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM message_contacts
                 WHERE user_a = LEAST(NEW.blocker_id, NEW.blocked_id) AND user_b = GREATEST(NEW.blocker_id, NEW.blocked_id);
                UPDATE mentor_pairings SET status = CASE WHEN status = 'ACTIVE' THEN 'ENDED' ELSE 'DECLINED' END,
                       ended_at = now()
                 WHERE status IN ('REQUESTED', 'ACTIVE')
                   AND ((mentor_id = NEW.blocker_id AND mentee_id = NEW.blocked_id)
                     OR (mentor_id = NEW.blocked_id AND mentee_id = NEW.blocker_id));
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER conversations_end_on_block AFTER INSERT ON blocks FOR EACH ROW EXECUTE FUNCTION conversations_end_on_block()`);
        // The live badge: the same channel as the notifications' unread count (LiveCount), so a
        // message written through any replica reaches a stream held by any replica.
        await queryRunner.query(`
            CREATE FUNCTION messages_announce() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('kinship_notifications', m.user_id::text)
                   FROM conversation_members m
                  WHERE m.conversation_id = NEW.conversation_id AND m.status IN ('ACTIVE', 'REQUESTED');
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER messages_announce AFTER INSERT OR UPDATE OF status, deleted_at ON messages FOR EACH ROW EXECUTE FUNCTION messages_announce()`);
        await queryRunner.query(`
            CREATE FUNCTION conversation_members_announce() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('kinship_notifications', NEW.user_id::text);
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER conversation_members_announce AFTER INSERT OR UPDATE OF last_read_at, status ON conversation_members FOR EACH ROW EXECUTE FUNCTION conversation_members_announce()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER conversation_members_announce ON conversation_members`);
        await queryRunner.query(`DROP FUNCTION conversation_members_announce()`);
        await queryRunner.query(`DROP TRIGGER messages_announce ON messages`);
        await queryRunner.query(`DROP FUNCTION messages_announce()`);
        await queryRunner.query(`DROP TRIGGER conversations_end_on_block ON blocks`);
        await queryRunner.query(`DROP FUNCTION conversations_end_on_block()`);
        await queryRunner.query(`DROP INDEX "public"."mentor_pairings_open_pair_key"`);
        await queryRunner.query(`DROP INDEX "public"."mentor_topics_label_key"`);
        await queryRunner.query(`ALTER TABLE "mentor_pairings" DROP CONSTRAINT "FK_ace864166ff4917b13a91d4cf9d"`);
        await queryRunner.query(`ALTER TABLE "mentor_pairings" DROP CONSTRAINT "FK_443aea791f3e8e750a10476afcc"`);
        await queryRunner.query(`ALTER TABLE "mentor_pairings" DROP CONSTRAINT "FK_7bf4a90122243643342dcbfc1a3"`);
        await queryRunner.query(`ALTER TABLE "mentor_profiles" DROP CONSTRAINT "FK_5fa86c14c3a0de91f7253a180bb"`);
        await queryRunner.query(`ALTER TABLE "reported_messages" DROP CONSTRAINT "FK_f09da2344293093b06ea94785c0"`);
        await queryRunner.query(`ALTER TABLE "reported_messages" DROP CONSTRAINT "FK_9ecbd97f3414d025eaa0a1df4ca"`);
        await queryRunner.query(`ALTER TABLE "message_settings" DROP CONSTRAINT "FK_6287cbb933fb297acfa4f5d9cd6"`);
        await queryRunner.query(`ALTER TABLE "message_contacts" DROP CONSTRAINT "FK_a6a9f31af9fe5fce2cc6a6174ff"`);
        await queryRunner.query(`ALTER TABLE "message_contacts" DROP CONSTRAINT "FK_d0703469780a07bd0a287590795"`);
        await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_05535bc695e9f7ee104616459d3"`);
        await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_3bc55a7c3f9ed54b520bb5cfe23"`);
        await queryRunner.query(`ALTER TABLE "conversation_members" DROP CONSTRAINT "FK_a46c76be8f62c4b00a835cdc370"`);
        await queryRunner.query(`ALTER TABLE "conversation_members" DROP CONSTRAINT "FK_36340a1704b039608e34244511f"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "FK_81d92d15c62b3fff79c617c9043"`);
        await queryRunner.query(`DROP INDEX "public"."mentor_pairings_mentor_idx"`);
        await queryRunner.query(`DROP INDEX "public"."mentor_pairings_mentee_idx"`);
        await queryRunner.query(`DROP INDEX "public"."mentor_pairings_check_in_due_idx"`);
        await queryRunner.query(`DROP TABLE "mentor_pairings"`);
        await queryRunner.query(`DROP INDEX "public"."mentor_profiles_status_idx"`);
        await queryRunner.query(`DROP TABLE "mentor_profiles"`);
        await queryRunner.query(`DROP TABLE "mentor_topics"`);
        await queryRunner.query(`DROP INDEX "public"."reported_messages_message_idx"`);
        await queryRunner.query(`DROP TABLE "reported_messages"`);
        await queryRunner.query(`DROP TABLE "message_settings"`);
        await queryRunner.query(`DROP TABLE "message_contacts"`);
        await queryRunner.query(`DROP INDEX "public"."messages_conversation_idx"`);
        await queryRunner.query(`DROP INDEX "public"."messages_author_idx"`);
        await queryRunner.query(`DROP TABLE "messages"`);
        await queryRunner.query(`DROP INDEX "public"."conversation_members_user_idx"`);
        await queryRunner.query(`DROP TABLE "conversation_members"`);
        await queryRunner.query(`DROP INDEX "public"."conversations_last_message_idx"`);
        await queryRunner.query(`DROP TABLE "conversations"`);
    }

}
