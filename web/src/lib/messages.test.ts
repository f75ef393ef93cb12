import { describe, expect, it } from 'vitest';
import {
  conversationTitle,
  listNames,
  messagePreview,
  messagesAnnouncement,
  messagesLabel,
  parseRecipients,
  participantNotes,
  plainText,
  truncate,
  unreadText,
} from './messages';

const message = (
  bodyHtml: string | null,
  extra: Partial<{ removed: boolean; heldForReview: boolean; mine: boolean }> = {},
) => ({
  bodyHtml,
  removed: false,
  heldForReview: false,
  mine: false,
  ...extra,
});

describe('plain text of a message body', () => {
  it('drops the markup and keeps the words apart across blocks and line breaks', () => {
    expect(plainText('<p>See you <strong>Sunday</strong></p><p>at the park</p>')).toBe(
      'See you Sunday at the park',
    );
    expect(plainText('<ul><li>one</li><li>two</li></ul>')).toBe('one two');
    expect(plainText('first<br>second<br />third')).toBe('first second third');
    expect(plainText('<blockquote><p>quoted</p></blockquote><p>reply</p>')).toBe('quoted reply');
  });

  it('turns entities into the characters they stand for', () => {
    expect(plainText('<p>Tom &amp; Jerry &lt;3 &quot;hi&quot; it&#39;s &#x27;ok&#x27;&nbsp;now</p>')).toBe(
      `Tom & Jerry <3 "hi" it's 'ok' now`,
    );
  });

  it('decodes once, so escaped markup stays text, and leaves unknown or invalid entities as written', () => {
    expect(plainText('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toBe('<script>alert(1)</script>');
    expect(plainText('&amp;lt;')).toBe('&lt;');
    expect(plainText('&bogus; &#0; &#xD800; &#99999999;')).toBe('&bogus; &#0; &#xD800; &#99999999;');
  });

  it('collapses white space and code blocks into one line', () => {
    expect(plainText('<pre><code>line 1\n   line 2</code></pre>\n\n<p>after</p>')).toBe(
      'line 1 line 2 after',
    );
  });
});

describe('truncate', () => {
  it('keeps short text as it is', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('exactly10!', 10)).toBe('exactly10!');
  });

  it('cuts at a word with an ellipsis, within the limit', () => {
    const cut = truncate('the quick brown fox jumps over the lazy dog', 20);
    expect(cut).toBe('the quick brown fox…');
    expect(cut.length).toBeLessThanOrEqual(20);
  });

  it('cuts inside a long word when there is no space near the end', () => {
    expect(truncate('supercalifragilistic', 10)).toBe('supercali…');
  });
});

describe('message preview', () => {
  it('shows plain words, with "You:" before your own', () => {
    expect(messagePreview(message('<p>See you <em>Sunday</em></p>'))).toBe('See you Sunday');
    expect(messagePreview(message('<p>On my way</p>', { mine: true }))).toBe('You: On my way');
  });

  it('says when a message is removed or waiting for a moderator, never its words', () => {
    expect(messagePreview(message(null, { removed: true }))).toBe('Message removed');
    expect(messagePreview(message('<p>secret</p>', { removed: true, mine: true }))).toBe(
      'You: Message removed',
    );
    expect(messagePreview(message('<p>held words</p>', { heldForReview: true, mine: true }))).toBe(
      'You: Waiting for a moderator',
    );
  });

  it('fits a long message on one line', () => {
    const long = `<p>${'word '.repeat(100)}</p>`;
    const preview = messagePreview(message(long), 40);
    expect(preview.length).toBeLessThanOrEqual(40);
    expect(preview.endsWith('…')).toBe(true);
  });

  it('says so when there is no message yet', () => {
    expect(messagePreview(null)).toBe('No messages yet');
  });
});

describe('names', () => {
  const person = (displayName: string, state: 'ACTIVE' | 'PENDING' | 'NOT_ACCEPTED' | 'LEFT' = 'ACTIVE') => ({
    state,
    user: { id: displayName, displayName },
  });

  it('lists names the way people say them', () => {
    expect(listNames([])).toBe('');
    expect(listNames(['River'])).toBe('River');
    expect(listNames(['River', 'Jess'])).toBe('River and Jess');
    expect(listNames(['River', 'Jess', 'Sam'])).toBe('River, Jess and Sam');
  });

  it('titles a conversation by everyone else in it', () => {
    expect(conversationTitle([person('River'), person('Jess', 'LEFT')])).toBe('River and Jess');
    expect(conversationTitle([])).toBe('Only you');
  });

  it('says who has not answered, who did not accept (nothing more) and who left', () => {
    const people = [
      person('River', 'PENDING'),
      person('Jess', 'NOT_ACCEPTED'),
      person('Sam', 'LEFT'),
      person('Lee'),
    ];
    expect(participantNotes(people, true)).toEqual([
      'Waiting for River to accept your message request.',
      'Jess did not accept the message request.',
      'Sam left the conversation.',
    ]);
    expect(participantNotes([person('River', 'PENDING'), person('Ash', 'PENDING')], false)).toEqual([
      'River and Ash have not answered the request yet.',
    ]);
    expect(participantNotes([person('Lee')], true)).toEqual([]);
  });
});

describe('the To field', () => {
  it('splits display names on commas, trims them and drops empty ones and an @ in front', () => {
    expect(parseRecipients(' River , @Jess T,, ')).toEqual({ names: ['River', 'Jess T'], error: null });
    expect(parseRecipients('River;Jess\nSam')).toEqual({ names: ['River', 'Jess', 'Sam'], error: null });
  });

  it('names each person once, whatever the case', () => {
    expect(parseRecipients('River, river, RIVER').names).toEqual(['River']);
  });

  it('asks for someone when it is empty', () => {
    expect(parseRecipients(' , ').error).toBe(
      'Enter the display name of the person you would like to write to.',
    );
  });

  it('allows up to five people and says how many to take out', () => {
    expect(parseRecipients('a1, a2, a3, a4, a5').error).toBeNull();
    const six = parseRecipients('a1, a2, a3, a4, a5, a6, a7');
    expect(six.error).toBe('You can write to up to 5 people at once. Take out 2.');
  });
});

describe('the live Messages badge', () => {
  it('names the link starting with its visible text', () => {
    expect(messagesLabel(0)).toBe('Messages');
    expect(messagesLabel(2)).toBe('Messages, 2 unread');
    expect(messagesLabel(150)).toBe('Messages, 150 unread');
  });

  it('announces only a rising count', () => {
    expect(messagesAnnouncement(0, 1)).toBe('You have a new message: 1 conversation to read.');
    expect(messagesAnnouncement(1, 3)).toBe('You have a new message: 3 conversations to read.');
    expect(messagesAnnouncement(2, 0)).toBeNull();
    expect(messagesAnnouncement(2, 2)).toBeNull();
  });

  it('shows the list count, capped where the api stops counting', () => {
    expect(unreadText(3)).toBe('3 unread');
    expect(unreadText(99)).toBe('99+ unread');
  });
});
