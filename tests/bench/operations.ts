import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';
import { paths } from './paths.js';

let definitions: readonly DefinitionNode[] | undefined;

/**
 * One of the web's own GraphQL operations (packages/graphql/src/operations/*.graphql), printed
 * with the fragments it uses: the benchmark sends exactly what the web sends.
 */
export function operation(name: string): string {
  definitions ??= parse(
    readdirSync(paths.operations)
      .filter((file) => file.endsWith('.graphql'))
      .sort()
      .map((file) => readFileSync(join(paths.operations, file), 'utf8'))
      .join('\n'),
  ).definitions;
  const all = definitions;
  const op = all.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!op) throw new Error(`no operation ${name} in ${paths.operations}`);
  const fragments = new Map(
    all
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const used = new Set<string>();
  const pending: DefinitionNode[] = [op];
  while (pending.length) {
    visit(pending.pop()!, {
      FragmentSpread(node) {
        const fragment = fragments.get(node.name.value);
        if (!fragment) throw new Error(`operation ${name} uses unknown fragment ${node.name.value}`);
        if (!used.has(node.name.value)) {
          used.add(node.name.value);
          pending.push(fragment);
        }
      },
    });
  }
  return [op, ...[...used].sort().map((n) => fragments.get(n)!)].map((d) => print(d)).join('\n\n');
}

export interface GraphQLBody {
  query: string;
  variables: Record<string, unknown>;
  operationName: string;
}

export function body(name: string, variables: Record<string, unknown>): GraphQLBody {
  return { query: operation(name), variables, operationName: name };
}

/** The ThreadPage variables the web sends for a thread (see web/src/routes/(app)/threads/[id]). */
export function threadPageVariables(
  threadId: string,
  first: number,
  fromPosition?: number,
): Record<string, unknown> {
  return { id: threadId, first, fromPosition, draftKey: `thread:${threadId}` };
}

/** POSTs a GraphQL body; fails on an HTTP error or a GraphQL error. Returns the raw text and the data. */
export async function post<T>(
  url: string,
  payload: GraphQLBody,
  token?: string,
): Promise<{ text: string; data: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(payload),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${payload.operationName}: HTTP ${res.status}`);
  const parsed = JSON.parse(text) as {
    data?: T;
    errors?: { message?: string; extensions?: { code?: string } }[];
  };
  if (parsed.errors?.length) {
    const first = parsed.errors[0];
    throw new Error(`${payload.operationName}: ${first.extensions?.code ?? 'ERROR'} ${first.message ?? ''}`);
  }
  return { text, data: parsed.data as T };
}

/** Signs in through the api's Login mutation (as the web's sign-in form does); returns the session token. */
export async function login(apiUrl: string, email: string, password: string): Promise<string> {
  const { data } = await post<{ login: { token: string } }>(
    `${apiUrl}/graphql`,
    body('Login', { email, password }),
  );
  return data.login.token;
}
