import { redirect } from '@sveltejs/kit';
import {
  ApproveMentorDocument,
  CreateMentorTopicDocument,
  MentoringOversightDocument,
  MentorTopicsAdminDocument,
  PairMentorDocument,
  UpdateMentorTopicDocument,
} from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import {
  STAFF_MENTORING_PATH,
  TOPIC_LABEL_MAX,
  isPairingStatus,
  mentorsWithRoom,
  waitingMentees,
} from '$lib/mentoring';
import { request } from '$lib/server/graphql';
import { failMessage, failWith, failWithFields, loadError, text, values } from '$lib/server/forms';
import { fieldProblem, requireAdmin, requireModerator } from '$lib/server/moderation';
import type { Actions, PageServerLoad } from './$types';

const PATH = STAFF_MENTORING_PATH;
const OFFER_GONE = 'That offer is no longer waiting. Another staff member may have decided on it.';
const TOPIC_GONE = 'That topic could not be found. Refresh the page and try again.';

function done(what: string, hash = ''): never {
  redirect(303, `${PATH}?done=${what}${hash ? `#${hash}` : ''}`);
}

/** The pairing form names people by display name; the api may name the id it resolved. */
function pairField(apiField: string): string {
  if (apiField === 'mentorId') return 'mentorName';
  if (apiField === 'menteeId') return 'menteeName';
  return apiField;
}

export const load: PageServerLoad = async (event) => {
  const { token, user } = requireModerator(event.locals, event.url);
  const search = event.url.searchParams;
  const wanted = search.get('status') ?? '';
  const status = isPairingStatus(wanted) ? wanted : null;
  const result = await request(MentoringOversightDocument, { status }, { token, event });
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  let topics = null;
  if (user.role === 'ADMIN') {
    const all = await request(MentorTopicsAdminDocument, {}, { token, event });
    if (all.error) loadError(all.error, PATH);
    topics = all.data.mentorTopics;
  }
  const { mentorsAwaitingApproval, mentors, mentorPairings, everyPairing } = result.data;
  return {
    awaiting: mentorsAwaitingApproval,
    mentors,
    withRoom: mentorsWithRoom(mentors).map((m) => m.user.displayName),
    waiting: waitingMentees(everyPairing).map((m) => m.displayName),
    pairings: mentorPairings,
    status,
    topics,
    // "Pair directly" filled in from a list's link (?mentor=, ?mentee=), without JavaScript too.
    prefill: { mentorName: search.get('mentor') ?? '', menteeName: search.get('mentee') ?? '' },
    done: search.get('done'),
  };
};

export const actions: Actions = {
  approve: async (event) => {
    const { token } = requireModerator(event.locals, event.url);
    const data = await event.request.formData();
    const userId = text(data, 'userId');
    const approve = text(data, 'approve') === 'true';
    const scope = `offer:${userId}`;
    if (!isUuid(userId)) return failMessage(404, OFFER_GONE, {}, scope);
    const result = await request(ApproveMentorDocument, { userId, approve }, { token, event });
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') return failMessage(404, OFFER_GONE, {}, scope);
      return failWith(result.error, {}, PATH, scope);
    }
    done(approve ? 'approved' : 'not-approved');
  },

  pair: async (event) => {
    const { token } = requireModerator(event.locals, event.url);
    const typed = values(await event.request.formData(), ['mentorName', 'menteeName']);
    const errors: Record<string, string> = {};
    if (!typed.mentorName.trim()) errors.mentorName = 'Type the mentor’s display name.';
    if (!typed.menteeName.trim()) errors.menteeName = 'Type the mentee’s display name.';
    if (Object.keys(errors).length > 0) {
      const [field, message] = Object.entries(errors)[0];
      const problem = fieldProblem(field, message, typed, 'pair');
      problem.data.errors = errors;
      return problem;
    }
    const result = await request(
      PairMentorDocument,
      { mentorName: typed.mentorName.trim(), menteeName: typed.menteeName.trim() },
      { token, event },
    );
    if (result.error) {
      const problem = failWithFields(result.error, typed, PATH, pairField);
      problem.data.scope = 'pair';
      return problem;
    }
    done('paired', 'pairings');
  },

  addTopic: async (event) => {
    const { token } = requireAdmin(event.locals, event.url);
    const typed = values(await event.request.formData(), ['label']);
    if (!typed.label.trim()) return fieldProblem('label', 'Type the topic’s name.', typed, 'add-topic');
    if (typed.label.trim().length > TOPIC_LABEL_MAX) {
      return fieldProblem(
        'label',
        `A topic’s name can be at most ${TOPIC_LABEL_MAX} characters.`,
        typed,
        'add-topic',
      );
    }
    const result = await request(CreateMentorTopicDocument, { label: typed.label.trim() }, { token, event });
    if (result.error) return failWith(result.error, typed, PATH, 'add-topic');
    done('topic-added', 'topics');
  },

  renameTopic: async (event) => {
    const { token } = requireAdmin(event.locals, event.url);
    const data = await event.request.formData();
    const id = text(data, 'id');
    const typed = values(data, ['label']);
    const scope = `topic:${id}`;
    if (!isUuid(id)) return failMessage(404, TOPIC_GONE, typed, scope);
    if (!typed.label.trim()) return fieldProblem('label', 'Type the topic’s new name.', typed, scope);
    const result = await request(
      UpdateMentorTopicDocument,
      { id, label: typed.label.trim() },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, PATH, scope);
    done('topic-renamed', 'topics');
  },

  archiveTopic: async (event) => {
    const { token } = requireAdmin(event.locals, event.url);
    const data = await event.request.formData();
    const id = text(data, 'id');
    const archived = text(data, 'archived') === 'true';
    const scope = `topic:${id}`;
    if (!isUuid(id)) return failMessage(404, TOPIC_GONE, {}, scope);
    const result = await request(UpdateMentorTopicDocument, { id, archived }, { token, event });
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') return failMessage(404, TOPIC_GONE, {}, scope);
      return failWith(result.error, {}, PATH, scope);
    }
    done(archived ? 'topic-archived' : 'topic-restored', 'topics');
  },
};
