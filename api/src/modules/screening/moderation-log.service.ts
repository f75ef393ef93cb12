import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TargetType } from './entities/flag-case.entity';
import { ModerationActionEntity, ModerationActionType } from './entities/moderation-action.entity';

export interface LogEntry {
  moderatorId: string | null;
  action: ModerationActionType;
  targetType: TargetType | 'THREAD';
  targetId: string;
  targetUserId?: string | null;
  caseId?: string | null;
  reason?: string | null;
  /** The content acted on; only a short excerpt is kept. */
  content?: string | null;
  suspendedUntil?: Date | null;
}

export function excerpt(content: string | null | undefined, max = 80): string | null {
  if (!content) return null;
  const flat = content.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Writes the append-only moderation log, inside the caller's transaction. */
@Injectable()
export class ModerationLogService {
  async record(manager: EntityManager, entry: LogEntry): Promise<ModerationActionEntity> {
    return manager.save(
      manager.create(ModerationActionEntity, {
        moderatorId: entry.moderatorId,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        targetUserId: entry.targetUserId ?? null,
        caseId: entry.caseId ?? null,
        reason: entry.reason ?? null,
        excerpt: excerpt(entry.content),
        suspendedUntil: entry.suspendedUntil ?? null,
      }),
    );
  }
}
