import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in one transaction. A service's domain writes and the outbox rows they cause go
 * through the same manager, so they commit together or not at all.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction('READ COMMITTED', work);
}
