import { CheckInTrendDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const RANGES = [30, 90] as const;

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const asked = Number(event.url.searchParams.get('range'));
  const range = RANGES.find((r) => r === asked) ?? 30;
  const result = await request(CheckInTrendDocument, { days: range }, { token, event });
  if (result.error) loadError(result.error, `/milestones/trend?range=${range}`);
  const { days, recoveryCapital } = result.data.checkInTrend;
  return {
    range,
    ranges: RANGES,
    days,
    capital: recoveryCapital.map((r) => ({ month: r.month, total: r.total })),
    enabled: result.data.checkInSettings.enabled,
  };
};
