import { describe, expect, it } from 'vitest';
import { slugify } from './categories.service';

describe('slugify', () => {
  it.each([
    ['Daily check-in', 'daily-check-in'],
    ['Family and relationships', 'family-and-relationships'],
    ['  Wins!!  ', 'wins'],
    ['Café & Crème', 'cafe-creme'],
    ['???', ''],
  ])('%s -> %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
