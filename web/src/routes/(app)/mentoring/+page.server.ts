import { redirect } from '@sveltejs/kit';
import {
  AnswerMentorCheckInDocument,
  EndMentorPairingDocument,
  MentoringPageDocument,
  MentorSuggestionsDocument,
  RequestMentorDocument,
  RespondToMentorRequestDocument,
  SaveMentorProfileDocument,
  WithdrawMentorProfileDocument,
} from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import {
  MENTORING_PATH,
  NOTE_MAX,
  chosenTopics,
  isCheckInAnswer,
  parseCapacity,
  suggestionsQuery,
} from '$lib/mentoring';
import { request } from '$lib/server/graphql';
import { fieldProblem } from '$lib/server/moderation';
import {
  failFields,
  failMessage,
  failWith,
  list,
  loadError,
  optional,
  requireUser,
  text,
  values,
} from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const PAIRING_GONE = 'That pairing is no longer open. The page now shows where things stand.';
const REQUEST_GONE = 'That request is no longer waiting. The member may have withdrawn it.';

/** Back to the page with a word about what just happened, at the part of the page it concerns. */
function done(what: string): never {
  redirect(303, `${MENTORING_PATH}?done=${what}`);
}

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const search = event.url.searchParams;
  const result = await request(MentoringPageDocument, {}, { token, event });
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  const { myMentoring: m, mentorTopics: topics } = result.data;

  const mentee = m.asMentee;
  const openAsMentee =
    mentee && (mentee.status === 'REQUESTED' || mentee.status === 'ACTIVE') ? mentee : null;
  const chosen = chosenTopics(search.getAll('topic'), topics);
  const finding = search.has('find');

  // Suggestions once the member has said what they would like help with (a GET form, no JS needed).
  let suggestions = null;
  if (m.canAsk && !openAsMentee && finding) {
    const found = await request(MentorSuggestionsDocument, { topicIds: chosen }, { token, event });
    if (found.error) loadError(found.error, event.url.pathname + event.url.search);
    suggestions = found.data.mentorSuggestions;
  }

  // Each side answers the check-in for themself; the other side never sees the answer.
  const checkIns = [
    ...(openAsMentee?.checkInDue ? [{ id: openAsMentee.id, with: openAsMentee.mentor.displayName }] : []),
    ...m.asMentor
      .filter((p) => p.status === 'ACTIVE' && p.checkInDue)
      .map((p) => ({ id: p.id, with: p.mentee.displayName })),
  ];

  return {
    canAsk: m.canAsk,
    askReason: m.askReason,
    canOffer: m.canOffer,
    offerNeedsApproval: m.offerNeedsApproval,
    profile: m.profile,
    asMentee: mentee,
    requests: m.asMentor.filter((p) => p.status === 'REQUESTED'),
    mentees: m.asMentor.filter((p) => p.status === 'ACTIVE'),
    checkIns,
    topics,
    chosen,
    finding,
    suggestions,
    suggestionsQuery: finding ? suggestionsQuery(chosen) : '',
    done: search.get('done'),
  };
};

/** The page with the suggestions the member was looking at, for an action that comes back to it. */
function findingPath(data: FormData): string {
  const topics = list(data, 'topic').filter(isUuid);
  return `${MENTORING_PATH}${suggestionsQuery(topics)}`;
}

export const actions: Actions = {
  /** A newcomer asks one of their suggested mentors, with an optional note. */
  request: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const mentorId = text(data, 'mentorId');
    const topicIds = list(data, 'topic').filter(isUuid);
    const typed = values(data, ['note']);
    const scope = `ask:${mentorId}`;
    const back = findingPath(data);
    if (!isUuid(mentorId)) {
      return failMessage(
        404,
        'That mentor could not be found. Please choose from your suggestions.',
        typed,
        scope,
      );
    }
    if (typed.note.length > NOTE_MAX) {
      return fieldProblem('note', `Your note can be at most ${NOTE_MAX} characters.`, typed, scope);
    }
    const result = await request(
      RequestMentorDocument,
      { input: { mentorId, topicIds, note: optional(typed.note) ?? null } },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, back, scope);
    done('requested');
  },

  /** The mentor answers a request: accept (opens the conversation) or decline ("not available right now"). */
  respond: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const id = text(data, 'pairingId');
    const accept = text(data, 'accept') === 'true';
    const scope = `pairing:${id}`;
    if (!isUuid(id)) return failMessage(404, REQUEST_GONE, {}, scope);
    const result = await request(RespondToMentorRequestDocument, { id, accept }, { token, event });
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') return failMessage(404, REQUEST_GONE, {}, scope);
      return failWith(result.error, {}, MENTORING_PATH, scope);
    }
    if (accept) done('accepted');
    done('declined');
  },

  /** Either side ends a pairing (or the mentee withdraws a request), with an optional note to staff. */
  end: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const id = text(data, 'pairingId');
    const typed = values(data, ['note']);
    const scope = `pairing:${id}`;
    if (!isUuid(id)) return failMessage(404, PAIRING_GONE, typed, scope);
    if (typed.note.length > NOTE_MAX) {
      return fieldProblem('note', `Your note to staff can be at most ${NOTE_MAX} characters.`, typed, scope);
    }
    const result = await request(
      EndMentorPairingDocument,
      { id, note: optional(typed.note) ?? null },
      { token, event },
    );
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') return failMessage(404, PAIRING_GONE, typed, scope);
      return failWith(result.error, typed, MENTORING_PATH, scope);
    }
    done(text(data, 'kind') === 'withdraw' ? 'withdrawn' : 'ended');
  },

  /** The 30-day check-in, in one tap. END_IT also ends the pairing. */
  checkIn: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const id = text(data, 'pairingId');
    const answer = text(data, 'answer');
    const scope = `check-in:${id}`;
    if (!isUuid(id)) return failMessage(404, PAIRING_GONE, {}, scope);
    if (!isCheckInAnswer(answer))
      return failMessage(400, 'Please choose one of the three answers.', {}, scope);
    const result = await request(AnswerMentorCheckInDocument, { id, answer }, { token, event });
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') return failMessage(404, PAIRING_GONE, {}, scope);
      return failWith(result.error, {}, MENTORING_PATH, scope);
    }
    done(answer === 'END_IT' ? 'check-in-ended' : 'check-in');
  },

  /** Offers to mentor, or changes the offer. */
  offer: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const typed: Record<string, string> = {
      ...values(data, ['about', 'capacity']),
      topicIds: list(data, 'topicIds').join(','),
      available: text(data, 'available') === 'on' ? 'on' : '',
      // The form was sent: an unticked "available" is a choice, not a missing value.
      sent: '1',
    };
    const topicIds = list(data, 'topicIds').filter(isUuid);
    const capacity = parseCapacity(typed.capacity);
    const errors: Record<string, string> = {};
    if (!typed.about.trim()) errors.about = 'Please write a few words about yourself for newcomers.';
    if (topicIds.length === 0) errors.topicIds = 'Choose at least one thing you can help with.';
    if (capacity === null) errors.capacity = 'Choose how many mentees you can take: 1, 2 or 3.';
    if (Object.keys(errors).length > 0) {
      return failFields(Object.values(errors)[0], errors, typed);
    }
    const result = await request(
      SaveMentorProfileDocument,
      { input: { about: typed.about, topicIds, capacity: capacity!, available: typed.available === 'on' } },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, MENTORING_PATH);
    done(result.data.saveMentorProfile.status === 'APPROVED' ? 'offer-saved' : 'offer-pending');
  },

  /** Stops offering: requests waiting are declined; current mentees stay paired. */
  withdrawOffer: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const result = await request(WithdrawMentorProfileDocument, {}, { token, event });
    if (result.error) return failWith(result.error, {}, MENTORING_PATH, 'withdraw-offer');
    done('offer-withdrawn');
  },
};
