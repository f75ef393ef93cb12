import { Kind, parse, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { request, type RequestOptions } from './graphql';

type NamesResult = Record<string, { id: string; displayName: string } | null>;
type NamesVariables = Record<string, string>;

const MAX_IDS = 100;
const documents = new Map<number, TypedDocumentNode<NamesResult, NamesVariables>>();

/**
 * `query MemberNames($u0: ID!, $u1: ID!) { u0: user(id: $u0) { id displayName } u1: ... }`: one
 * request for a page's worth of names. The ids travel as variables, never inside the query text.
 * (The moderation log, appeals and notes carry member ids only; see the report on the api.)
 */
function namesDocument(count: number): TypedDocumentNode<NamesResult, NamesVariables> {
  let document = documents.get(count);
  if (!document) {
    const indexes = Array.from({ length: count }, (_, i) => i);
    const parsed: DocumentNode = parse(
      `query MemberNames(${indexes.map((i) => `$u${i}: ID!`).join(', ')}) {
        ${indexes.map((i) => `u${i}: user(id: $u${i}) { id displayName }`).join('\n')}
      }`,
    );
    if (parsed.definitions[0]?.kind !== Kind.OPERATION_DEFINITION)
      throw new Error('names query did not parse');
    // A typed document node is a document node; the types above describe what it returns.
    document = parsed;
    documents.set(count, document);
  }
  return document;
}

/**
 * Display names for member ids, in one request. Ids that are not members any more (or that the
 * api will not show) are simply missing from the map; the page says "a former member".
 */
export async function memberNames(
  ids: Iterable<string | null | undefined>,
  options: RequestOptions,
): Promise<Record<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => !!id && isUuid(id)))].slice(0, MAX_IDS);
  if (unique.length === 0) return {};
  const variables = Object.fromEntries(unique.map((id, i) => [`u${i}`, id]));
  const result = await request(namesDocument(unique.length), variables, options);
  if (result.error) return {};
  const names: Record<string, string> = {};
  for (const user of Object.values(result.data)) if (user) names[user.id] = user.displayName;
  return names;
}
