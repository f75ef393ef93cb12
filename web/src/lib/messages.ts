/**
 * Wording and small rules for private messages, shared by the conversation pages and the header:
 * who a conversation is with, a one-line plain-text preview, the "To" field, how each person
 * stands, and the live badge. Pure functions: the same answer on the server and in the browser.
 */
import type { ConversationKind, ParticipantState } from '@kinship/graphql';

/** Messages per page of a conversation, and conversations per page of the list. */
export const MESSAGES_PER_PAGE = 20;
export const CONVERSATIONS_PER_PAGE = 20;

/** The most people one can write to at once (a conversation holds 6, you included). */
export const RECIPIENTS_MAX = 5;

/** What a deleted account's messages are signed with (the api says so too). */
export const FORMER_MEMBER = 'Former member';

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      // Only real characters: not a lone surrogate, not beyond Unicode, not NUL.
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        return whole;
      }
      return String.fromCodePoint(code);
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * The words of a sanitized HTML body, without its markup: block ends and line breaks become
 * spaces, entities become characters, and runs of white space one space. The result is shown as
 * text (Svelte escapes it), never as HTML.
 */
export function plainText(html: string): string {
  const text = html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/(p|div|li|blockquote|h[1-6]|pre|tr)>/gi, ' ')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/** `text` cut to at most `max` characters, at a word where it can be, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  // A word cut in two loses its start too, unless it is all there is.
  const wholeWord = text[cut.length] === ' ';
  const space = cut.lastIndexOf(' ');
  return `${(wholeWord || space <= max * 0.6 ? cut : cut.slice(0, space)).trimEnd()}…`;
}

interface PreviewMessage {
  bodyHtml: string | null;
  removed: boolean;
  heldForReview: boolean;
  mine: boolean;
}

/**
 * The conversation list's one line about the latest message: "You: see you Sunday", "Message
 * removed", "Waiting for a moderator", or plain text cut to fit.
 */
export function messagePreview(message: PreviewMessage | null, max = 90): string {
  if (!message) return 'No messages yet';
  const prefix = message.mine ? 'You: ' : '';
  if (message.removed || message.bodyHtml === null) return `${prefix}Message removed`;
  if (message.heldForReview) return `${prefix}Waiting for a moderator`;
  const words = plainText(message.bodyHtml);
  return `${prefix}${truncate(words || '…', Math.max(10, max - prefix.length))}`;
}

/** "River", "River and Jess", "River, Jess and Sam". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

interface ParticipantLike {
  state: ParticipantState;
  user: { id: string; displayName: string };
}

/** Who a conversation is with, as its title: everyone else in it, or a plain word when nobody is. */
export function conversationTitle(participants: readonly ParticipantLike[]): string {
  return listNames(participants.map((p) => p.user.displayName)) || 'Only you';
}

/**
 * How the others stand, where it matters to the viewer: who has not answered a request yet, who
 * did not accept (and nothing more), who left.
 */
export function participantNotes(participants: readonly ParticipantLike[], startedByMe: boolean): string[] {
  const names = (state: ParticipantState) =>
    participants.filter((p) => p.state === state).map((p) => p.user.displayName);
  const notes: string[] = [];
  const pending = names('PENDING');
  if (pending.length > 0) {
    notes.push(
      startedByMe
        ? `Waiting for ${listNames(pending)} to accept your message request.`
        : `${listNames(pending)} ${pending.length === 1 ? 'has' : 'have'} not answered the request yet.`,
    );
  }
  const declined = names('NOT_ACCEPTED');
  if (declined.length > 0) {
    notes.push(`${listNames(declined)} did not accept the message request.`);
  }
  const left = names('LEFT');
  if (left.length > 0) notes.push(`${listNames(left)} left the conversation.`);
  return notes;
}

/** A tag for conversations that are not plain member-to-member ones. */
export const KIND_TAGS: Record<ConversationKind, string | null> = {
  DIRECT: null,
  MENTORING: 'Mentoring',
  CARE: 'Check-in from a moderator',
};

export interface ParsedRecipients {
  names: string[];
  /** Why the field cannot be sent as it is, in words for the member; null when it can. */
  error: string | null;
}

/**
 * The "To" field: display names separated by commas (or new lines, or semicolons), an "@" in
 * front allowed, each named once whatever its case, at most five. Display names never contain
 * commas, so splitting on them is safe.
 */
export function parseRecipients(value: string): ParsedRecipients {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const part of value.split(/[,;\n]/)) {
    const name = part.trim().replace(/^@+/, '').trim().replace(/\s+/g, ' ');
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    names.push(name);
  }
  if (names.length === 0) {
    return { names, error: 'Enter the display name of the person you would like to write to.' };
  }
  if (names.length > RECIPIENTS_MAX) {
    return {
      names,
      error: `You can write to up to ${RECIPIENTS_MAX} people at once. Take out ${names.length - RECIPIENTS_MAX}.`,
    };
  }
  return { names, error: null };
}

/** The Messages link's accessible name: its visible text first, then the full count. */
export function messagesLabel(count: number): string {
  return count > 0 ? `Messages, ${count} unread` : 'Messages';
}

/** What the live region says when the messages count goes up (nothing when it goes down or stays). */
export function messagesAnnouncement(previous: number, next: number): string | null {
  if (next <= previous) return null;
  return next === 1
    ? 'You have a new message: 1 conversation to read.'
    : `You have a new message: ${next} conversations to read.`;
}

/** "2 unread", for the list's visible count (the api counts up to 99 per conversation). */
export function unreadText(count: number): string {
  return count >= 99 ? '99+ unread' : `${count} unread`;
}
