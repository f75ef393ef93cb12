import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * When each repeatable job (email sweep, digest, stale cases, milestones, resource expiry) last
 * started. Workers claim a run here before queueing it, so the schedule lives in PostgreSQL and a
 * Redis restart or flush cannot lose it; several workers claim each run once.
 */
@Entity('schedule_runs')
export class ScheduleRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'last_run_at', type: 'timestamptz' })
  lastRunAt: Date;
}
