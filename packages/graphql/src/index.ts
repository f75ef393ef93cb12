/**
 * The web's GraphQL operations (written in `src/operations/*.graphql`) as typed document nodes,
 * with the TypeScript types of their variables and results. Regenerate with
 * `npm run codegen -w @kinship/graphql` after changing an operation or the api's schema.
 */
export * from './generated';
export type { TypedDocumentNode } from '@graphql-typed-document-node/core';
