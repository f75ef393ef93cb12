import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { LIMITS } from '@kinship/shared';
import { badInput } from './errors';

/** Relay-style cursor pagination, keyset underneath: a cursor is the sort key of the last row seen. */

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

export function Connection<T>(node: Type<T>): Type<Connection<T>> {
  @ObjectType(`${node.name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType({ isAbstract: true })
  class ConnectionType {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionType;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size: default ${LIMITS.pageSizeDefault}, at most ${LIMITS.pageSizeMax}.` })
  @IsOptional()
  @IsInt({ message: 'first must be a whole number.' })
  @Min(1, { message: 'first must be at least 1.' })
  @Max(LIMITS.pageSizeMax, { message: `first can be at most ${LIMITS.pageSizeMax}.` })
  first?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'after is not a valid cursor.' })
  after?: string;
}

export type CursorKey = (string | number | boolean)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Reads a cursor back into its sort key. `shape` lists the expected type of each element so a
 * forged cursor is a clear BAD_USER_INPUT, never a database error.
 */
/** What each part of a cursor must be: plain JS types, or strings in a database-safe format. */
export type CursorPart = 'string' | 'number' | 'boolean' | 'uuid' | 'iso' | 'decimal';

const STRING_FORMATS: Partial<Record<CursorPart, RegExp>> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  iso: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/,
  decimal: /^-?\d{1,12}(\.\d{1,12})?$/,
};

function fits(value: unknown, part: CursorPart): boolean {
  const format = STRING_FORMATS[part];
  if (format) return typeof value === 'string' && format.test(value);
  return typeof value === part;
}

export function decodeCursor(cursor: string | undefined, shape: CursorPart[]): CursorKey | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('after', 'after is not a valid cursor.');
  }
  if (!Array.isArray(key) || key.length !== shape.length || key.some((v, i) => !fits(v, shape[i]))) {
    throw badInput('after', 'after is not a valid cursor.');
  }
  return key as CursorKey;
}

export function pageSize(args: PageArgs): number {
  return args.first ?? LIMITS.pageSizeDefault;
}

/**
 * Builds a connection from rows fetched with `LIMIT first + 1`: the extra row only says whether
 * another page exists.
 */
export function toConnection<R, T>(
  rows: R[],
  first: number,
  keyOf: (row: R) => CursorKey,
  toNode: (row: R) => T,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: encodeCursor(keyOf(row)), node: toNode(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
