import unhomoglyph from 'unhomoglyph';

const SEPARATORS = /[\s._-]+/g;
/** Characters shown as nothing (Hangul fillers, soft hyphens, joiners, variation selectors): dropped from keys, as UTS #39 does. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** UTS #39's skeleton: NFD, each character replaced by its prototype from Unicode's confusables.txt, NFD again. */
function skeleton(text: string): string {
  return unhomoglyph(text.normalize('NFD')).normalize('NFD');
}

/**
 * What a display name looks like, for telling look-alikes apart: two names with the same key are
 * confusable ("Sam M" and "Sam М" with a Cyrillic М, "Alex" and "AIex", "Kim" and "Kirn"). Case is
 * folded between two skeleton passes (the prototypes of "m" and "M" differ), and separators are
 * dropped, since "Sam M", "SamM" and "Sam_M" are easily taken for one another.
 */
export function displayNameKey(name: string): string {
  return skeleton(skeleton(name.replace(IGNORABLE, '')).toLowerCase()).replace(IGNORABLE, '').replace(SEPARATORS, '');
}
