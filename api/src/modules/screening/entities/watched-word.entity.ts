import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type WatchedWordAction = 'BLOCK' | 'REVIEW';

/** A word or phrase that blocks a post outright or sends it to review. Stored lower-cased. */
@Entity('watched_words')
@Index('watched_words_word_key', ['word'], { unique: true })
export class WatchedWordEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  word: string;

  @Column({ type: 'varchar', length: 16 })
  action: WatchedWordAction;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
