import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The mentor programme's starting list of topics (what a mentor can help with), so a new Kinship
 * can offer and ask from its first day. Admins rename, archive and add to it (createMentorTopic,
 * updateMentorTopic); a label an admin already made is left as it is.
 */
export class MentorTopics1796700000000 implements MigrationInterface {
    name = 'MentorTopics1796700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`INSERT INTO mentor_topics (label, position) VALUES
            ('First months after treatment', 0),
            ('Returning to work', 1),
            ('Parenting in recovery', 2),
            ('Co-occurring anxiety or depression', 3),
            ('LGBTQ+ in recovery', 4),
            ('Relationships and family', 5),
            ('Staying sober at social events', 6)
            ON CONFLICT DO NOTHING`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // Only the defaults no pairing or profile names (an admin's own topics and used ones stay).
        await queryRunner.query(`DELETE FROM mentor_topics t
            WHERE t.label IN ('First months after treatment', 'Returning to work', 'Parenting in recovery',
                              'Co-occurring anxiety or depression', 'LGBTQ+ in recovery', 'Relationships and family',
                              'Staying sober at social events')
              AND NOT EXISTS (SELECT 1 FROM mentor_profiles p WHERE t.id = ANY(p.topic_ids))
              AND NOT EXISTS (SELECT 1 FROM mentor_pairings p WHERE t.id = ANY(p.topic_ids))`);
    }

}
