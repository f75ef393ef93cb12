import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One member's cheer for one celebration; the key makes a second cheer a no-op. */
@Entity('cheers')
export class CheerEntity {
  @PrimaryColumn({ name: 'celebration_id', type: 'uuid' })
  celebrationId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
