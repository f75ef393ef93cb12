/** The GraphQL operations the moderation integration specs share (strings only: no harness, no Nest). */

export const FLAG = `mutation($input: FlagInput!) { flag(input: $input) }`;
export const QUEUE = `{ moderationQueue(first: 50) { edges { node { id kind priority score flagCount status targetId reasons { reason count } notes { note } priorWarnings post { id status } } } } }`;
export const MODERATE = `mutation($input: ModerateInput!) { moderate(input: $input) { id status } }`;
export const ACK = `mutation($id: ID!) { acknowledgeCase(caseId: $id) { id acknowledgedBy } }`;
export const LOG = `{ moderationLog(first: 100) { edges { node { id action moderatorId targetId reason excerpt } } } }`;
export const WARN = `mutation($u: ID!, $r: String!) { warnUser(userId: $u, reason: $r) }`;
export const SUSPEND = `mutation($u: ID!, $until: DateTime!, $r: String!) { suspendUser(userId: $u, until: $until, reason: $r) { id } }`;
export const WORD = `mutation($input: WatchedWordInput!) { addWatchedWord(input: $input) { id word action } }`;
export const APPEAL = `mutation($a: ID!, $t: String!) { appeal(actionId: $a, text: $t) { id status } }`;
export const DECIDE = `mutation($id: ID!, $up: Boolean!, $r: String!) { decideAppeal(appealId: $id, upheld: $up, reason: $r) { id status } }`;
export const NOTE = `mutation($u: ID!, $t: String!) { addModeratorNote(userId: $u, text: $t) }`;
export const REPLY = `mutation($input: ReplyInput!) { reply(input: $input) { post { id status } safetyResources { name phone text } } }`;
export const POST_STATUS = `query($id: ID!) { thread(id: $id) { posts(first: 100) { edges { node { id status body moderationDecision { actionId action reason } } } } } }`;

export const NIL = '00000000-0000-4000-8000-000000000000';
