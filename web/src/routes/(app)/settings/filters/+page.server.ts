import { SetTopicFiltersDocument, TopicFiltersDocument } from '@kinship/graphql';
import { parseTopics } from '$lib/topics';
import { request } from '$lib/server/graphql';
import { failWith, list, loadError, requireUser } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(TopicFiltersDocument, {}, { token, event });
  if (result.error) loadError(result.error, '/settings/filters');
  return { topics: result.data.me?.topicFilters ?? [] };
};

export const actions: Actions = {
  save: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const topics = parseTopics(list(await event.request.formData(), 'topics'));
    const result = await request(SetTopicFiltersDocument, { topics }, { token, event });
    if (result.error) return failWith(result.error, { topics: topics.join(',') }, '/settings/filters');
    return { saved: result.data.setTopicFilters };
  },
};
