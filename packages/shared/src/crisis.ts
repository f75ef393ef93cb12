/**
 * Crisis detection: does a post read as someone in danger right now? A short list of phrases
 * (suicide, self-harm, overdose intent, an urge to return to use), matched on word boundaries,
 * with simple negation handling ("I'm not suicidal anymore" is recovery talk, not a crisis).
 *
 * It is a safety net that errs towards showing help: a false positive shows a member crisis lines
 * and asks a moderator to check in; a false negative is what we work hardest to avoid. It is not
 * a diagnosis and never hides anything.
 */

export type CrisisCategory = 'SUICIDE' | 'SELF_HARM' | 'OVERDOSE' | 'RELAPSE_DANGER';

export interface CrisisResult {
  crisis: boolean;
  categories: CrisisCategory[];
}

const NOW = String.raw`(?:tonight|today|right now|now|soon|this weekend|again|so bad(?:ly)?|really bad(?:ly)?)`;

const PATTERNS: [CrisisCategory, RegExp][] = [
  ['SUICIDE', /\b(?:kill|killing|killed) myself\b/],
  ['SUICIDE', /\bend(?:ing)? (?:my life|it all|everything|things)\b/],
  ['SUICIDE', /\b(?:take|taking) my (?:own )?life\b/],
  ['SUICIDE', /\bsuicidal\b/],
  ['SUICIDE', /\b(?:commit|committing|attempt|attempting) suicide\b/],
  ['SUICIDE', /\b(?:thinking|think|thoughts) (?:about|of) suicide\b/],
  ['SUICIDE', /\bsuicide (?:note|plan)\b/],
  ['SUICIDE', /\b(?:want|wanna|wanting|ready) (?:to )?die\b/],
  ['SUICIDE', /\bwish (?:i|i'd) (?:was|were|had) (?:dead|never been born|died)\b/],
  ['SUICIDE', /\bbetter off (?:dead|without me)\b/],
  ['SUICIDE', /\bno (?:reason|point) (?:to|in) (?:live|living|going on)\b/],
  ['SUICIDE', /\bdon'?t want to (?:be alive|live|wake up|be here anymore)\b/],
  ['SUICIDE', /\b(?:say|saying) goodbye (?:to everyone|forever)\b/],
  ['SELF_HARM', /\b(?:cut|cutting|hurt|hurting|harm|harming|burn|burning) myself\b/],
  ['SELF_HARM', /\bself[- ]?harm(?:ing)?\b/],
  ['OVERDOSE', /\b(?:take|taking|swallow|swallowing) (?:all|every one) (?:of )?(?:my|the|these|those) (?:pills|meds|medication)\b/],
  ['OVERDOSE', /\boverdose (?:on purpose|tonight|today|now)\b/],
  ['OVERDOSE', /\b(?:want|going|gonna|plan|planning) (?:to )?(?:overdose|od)\b/],
  ['RELAPSE_DANGER', new RegExp(String.raw`\b(?:want|wanna|wanting|need|going|gonna|about) (?:to )?(?:use|drink|get high|get drunk|relapse|shoot up)\b(?=\s*(?:$|[,.!?]|${NOW}\b))`)],
  ['RELAPSE_DANGER', /\b(?:call|calling|text|texting|meet|meeting) my (?:old )?dealer\b/],
  ['RELAPSE_DANGER', /\b(?:bought|buying|scored|scoring|picked up) (?:some )?(?:drugs|dope|pills|heroin|fentanyl|meth|coke|a bottle)\b/],
];

/** Words that, close before a phrase, turn it around ("not", "never", "no longer", "used to" ...). */
const NEGATION = /\b(?:not|never|no longer|no more|don'?t|do not|didn'?t|won'?t|will not|isn'?t|wasn'?t|aren'?t|used to|stopped|quit|anymore)\s*$/;

/** How many words before a phrase are searched for a negation. */
const NEGATION_WINDOW = 3;

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ');
}

function negated(clause: string, matchIndex: number): boolean {
  const before = clause.slice(0, matchIndex).trim().split(' ').slice(-NEGATION_WINDOW);
  // Check every tail of the window, so "not" three words back still counts ("not going to hurt").
  for (let i = 0; i < before.length; i++) {
    if (NEGATION.test(before.slice(0, i + 1).join(' '))) return true;
  }
  return false;
}

export function detectCrisis(text: string): CrisisResult {
  const categories = new Set<CrisisCategory>();
  const clauses = normalize(text).split(/[.!?;\n]+|\bbut\b/);
  for (const raw of clauses) {
    const clause = raw.trim();
    if (!clause) continue;
    for (const [category, pattern] of PATTERNS) {
      const match = pattern.exec(clause);
      if (match && !negated(clause, match.index)) categories.add(category);
    }
  }
  return { crisis: categories.size > 0, categories: [...categories] };
}
