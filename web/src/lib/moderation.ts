/**
 * The words the web uses for moderation: flag reasons as members choose them, and the names of
 * case kinds, priorities, actions and appeal states as moderators and members read them.
 */
import type {
  AppealStatus,
  CaseKind,
  CaseStatus,
  ContentStatus,
  FlagPriority,
  FlagReason,
  ModerateAction,
  ModerationActionType,
} from '@kinship/graphql';

export interface ReasonChoice {
  value: FlagReason;
  label: string;
  description: string;
}

/**
 * "This person may need support": reaches moderators as a support case, never hides anything and
 * never counts against the author. Offered apart from the rule reasons, and first.
 */
export const SUPPORT_REASON: ReasonChoice = {
  value: 'SUPPORT',
  label: 'This person may need support (a moderator will check in; nothing is hidden)',
  description:
    "For when you're worried about them rather than about what they wrote. It never counts against them.",
};

/** The reasons that say something goes against the community guidelines. */
export const RULE_REASONS: readonly ReasonChoice[] = [
  {
    value: 'HARASSMENT',
    label: 'Harassment or bullying',
    description: 'Insults, threats, or attacks aimed at someone.',
  },
  {
    value: 'TRIGGERING',
    label: 'Triggering or graphic content',
    description: 'Graphic detail about use, self-harm or trauma, without a content warning.',
  },
  {
    value: 'SPAM',
    label: 'Spam or solicitation',
    description: 'Advertising, selling, or asking members for money or private contact.',
  },
  {
    value: 'PRIVACY',
    label: 'Privacy breach',
    description: "Shares someone's personal details, or their recovery or health, without their consent.",
  },
  {
    value: 'MISINFORMATION',
    label: 'Harmful misinformation',
    description: 'False claims about treatment, medication or recovery that could hurt someone.',
  },
  {
    value: 'SAFETY',
    label: 'Safety concern',
    description: 'Someone could be in danger, or is putting others in danger.',
  },
  {
    value: 'OTHER',
    label: 'Something else',
    description: 'Tell the moderators what is wrong in the note below.',
  },
];

const REASON_NAMES: Record<FlagReason, string> = {
  SUPPORT: 'May need support',
  HARASSMENT: 'Harassment or bullying',
  TRIGGERING: 'Triggering or graphic content',
  SPAM: 'Spam or solicitation',
  PRIVACY: 'Privacy breach',
  MISINFORMATION: 'Harmful misinformation',
  SAFETY: 'Safety concern',
  OTHER: 'Something else',
};

export function reasonName(reason: FlagReason): string {
  return REASON_NAMES[reason];
}

export function isFlagReason(value: string): value is FlagReason {
  return value in REASON_NAMES;
}

/** The longest flag note the api accepts. */
export const FLAG_NOTE_MAX = 500;

export const FLAG_THANKS = "Thank you. A moderator will look at this. The author won't know who flagged it.";

export const CASE_KIND_NAMES: Record<CaseKind, string> = {
  CRISIS: 'May be in crisis',
  SUPPORT: 'May need support',
  RULES: 'Flagged by members',
  PREMODERATION: 'Waiting for approval',
};

export const PRIORITY_NAMES: Record<FlagPriority, string> = {
  CRISIS: 'Crisis',
  HIGH: 'High priority',
  NORMAL: 'Normal priority',
};

export const CASE_STATUS_NAMES: Record<CaseStatus, string> = {
  OPEN: 'Open',
  RESOLVED: 'Resolved',
  DISMISSED: 'Dismissed',
};

export const CONTENT_STATUS_NAMES: Record<ContentStatus, string> = {
  VISIBLE: 'Visible to members',
  PENDING_REVIEW: 'Waiting for approval',
  HIDDEN: 'Hidden from members',
  REMOVED: 'Removed',
};

/** Log entries, as a moderator reads them ("Removed a post"). */
export const ACTION_NAMES: Record<ModerationActionType, string> = {
  APPEAL_DENIED: 'Appeal not upheld',
  APPEAL_UPHELD: 'Appeal upheld',
  APPROVE: 'Approved',
  AUTO_HIDE: 'Hidden automatically after flags',
  DISMISS: 'Dismissed',
  ESCALATE: 'Escalated to admins',
  HIDE: 'Hidden',
  LOCK: 'Thread closed to replies',
  PIN: 'Thread pinned',
  REMOVE: 'Removed',
  RESTORE: 'Restored',
  SUSPEND: 'Suspended',
  UNLOCK: 'Thread reopened',
  UNPIN: 'Thread unpinned',
  WARN: 'Warned',
};

/** Decisions a member can appeal, once each. */
export const APPEALABLE_ACTIONS: readonly ModerationActionType[] = ['HIDE', 'REMOVE', 'WARN', 'SUSPEND'];

export function appealHref(actionId: string): string {
  return `/appeals/new?action=${encodeURIComponent(actionId)}`;
}

export const APPEAL_STATUS_NAMES: Record<AppealStatus, string> = {
  PENDING: 'Waiting for a moderator',
  UPHELD: 'Upheld: the decision was undone',
  DENIED: 'Not upheld: the decision stands',
};

/** The actions a moderator may take on a case, in the order the buttons show. */
export interface CaseActionChoice {
  action: ModerateAction;
  label: string;
  /** Needs a reason (the author is told it). */
  needsReason: boolean;
}

interface CaseShape {
  kind: CaseKind;
  status: CaseStatus;
  targetType: string;
  post: { status: ContentStatus; deleted: boolean } | null;
  /** A MESSAGE case's one message, or a reported conversation's shared ones (the case's `messages`). */
  messages?: readonly { removed: boolean; reported?: boolean }[];
}

/** Which moderator actions make sense for a case as it stands now. */
export function caseActions(c: CaseShape): CaseActionChoice[] {
  if (c.status !== 'OPEN') return [];
  const hide = { action: 'HIDE', label: 'Hide post', needsReason: true } as const;
  const remove = { action: 'REMOVE', label: 'Remove post', needsReason: true } as const;
  const restore = { action: 'RESTORE', label: 'Restore post', needsReason: false } as const;
  const careCase = c.kind === 'SUPPORT' || c.kind === 'CRISIS';
  // A private message held by a watched word waits for a moderator: it goes out, or it is removed.
  if (c.targetType === 'MESSAGE' && c.kind === 'PREMODERATION' && c.messages?.some((m) => !m.removed)) {
    return [
      { action: 'APPROVE', label: 'Approve message', needsReason: false },
      { action: 'REMOVE', label: 'Remove message', needsReason: true },
    ];
  }
  // A reported conversation: the reported messages (never the context) can be removed for everyone.
  const reported = c.messages?.filter((m) => m.reported) ?? [];
  if (c.targetType === 'CONVERSATION' && c.kind === 'RULES' && reported.length > 0) {
    const one = reported.length === 1;
    return reported.some((m) => !m.removed)
      ? [
          { action: 'DISMISS', label: 'Dismiss (nothing to act on)', needsReason: false },
          {
            action: 'REMOVE',
            label: one ? 'Remove the reported message' : 'Remove the reported messages',
            needsReason: true,
          },
        ]
      : [
          {
            action: 'RESTORE',
            label: one ? 'Restore the message' : 'Restore the messages',
            needsReason: false,
          },
          { action: 'DISMISS', label: 'Dismiss', needsReason: false },
        ];
  }
  if (c.targetType !== 'POST' || !c.post) {
    return [{ action: 'DISMISS', label: careCase ? 'Close the case' : 'Dismiss', needsReason: false }];
  }
  switch (c.post.status) {
    case 'PENDING_REVIEW':
      return [{ action: 'APPROVE', label: 'Approve post', needsReason: false }, remove];
    case 'HIDDEN':
      return [
        { action: 'DISMISS', label: 'Dismiss and show the post again', needsReason: false },
        hide,
        remove,
      ];
    case 'REMOVED':
      return [restore, { action: 'DISMISS', label: 'Dismiss', needsReason: false }];
    case 'VISIBLE':
      return [
        {
          action: 'DISMISS',
          label: careCase ? 'Close the case' : 'Dismiss (nothing to act on)',
          needsReason: false,
        },
        hide,
        remove,
      ];
  }
}

/** What a member is told after a moderator acted, for the queue's status line. */
export const DONE_MESSAGES: Record<ModerateAction, string> = {
  DISMISS: 'Case closed. If the post had been hidden, members can see it again.',
  HIDE: 'The post is hidden from members. Its author has been told your reason.',
  REMOVE: 'The post is removed. Its author has been told your reason and can appeal.',
  RESTORE: 'The post is back for everyone to read.',
  APPROVE: 'The post is approved and now visible to members.',
};

/** The same, after an action on a case about a private message. */
export const MESSAGE_DONE_MESSAGES: Record<ModerateAction, string> = {
  DISMISS: 'Case closed.',
  HIDE: 'The message is removed. Its author has been told your reason.',
  REMOVE:
    'The message is removed: everyone in the conversation sees “Message removed”. Its author has been told your reason and can appeal.',
  RESTORE: 'The message is back in the conversation.',
  APPROVE: 'The message is approved and now in the conversation.',
};

export function isModerateAction(value: string): value is ModerateAction {
  return value in DONE_MESSAGES;
}
