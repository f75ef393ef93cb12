/** `query Bomb{...Fk} fragment F0 on Query{__typename} fragment Fi on Query{...F(i-1) ...F(i-1)}`: 2^k fields in about 40k bytes. */
export function fragmentBomb(k: number): string {
  let document = `query Bomb{...F${k}} fragment F0 on Query{__typename}`;
  for (let i = 1; i <= k; i += 1) document += ` fragment F${i} on Query{...F${i - 1} ...F${i - 1}}`;
  return document;
}

/** `{ a0: me { id } a1: me { id } ... }`: one root field run `n` times. */
export function aliasFlood(n: number, field = 'me { id }'): string {
  return `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}
