/**
 * The words seeded posts are made of. Content words follow a Zipf-like law, most frequent first:
 * rank r has weight 1/(r + 20), so the most common word is in about one post in seven, a word of
 * rank 100 in about one in forty, and the long tail of generated words in a few per thousand, about
 * as selective as the words of a real forum. Stop words ("the", "and": left out of the search
 * index) make up 40% of the text. Search queries (figure 4) draw from the same ranks.
 */
// prettier-ignore
export const STOP_WORDS = [
  'the', 'and', 'i', 'to', 'a', 'of', 'my', 'it', 'was', 'for', 'in', 'that', 'is', 'with', 'me',
  'but', 'so', 'on', 'just', 'have', 'this', 'we', 'at', 'be', 'not', 'all', 'about', 'what', 'when', 'you',
];

/** Zipf offset: weight of rank r is 1 / (r + ZIPF_OFFSET). */
export const ZIPF_OFFSET = 20;

/** Real words, the head of the distribution (ranks 1 to 240). */
// prettier-ignore
const HEAD = [
  'today', 'feel', 'group', 'week', 'thanks', 'meeting', 'day', 'support', 'time', 'morning',
  'sober', 'people', 'family', 'work', 'night', 'better', 'sleep', 'call', 'walk', 'program',
  'grateful', 'friends', 'home', 'weekend', 'talk', 'hard', 'help', 'share', 'month', 'coffee',
  'sponsor', 'steps', 'honest', 'story', 'year', 'counselor', 'job', 'anxiety', 'kids', 'dinner',
  'cravings', 'therapy', 'journal', 'patience', 'breathe', 'calm', 'routine', 'exercise', 'gym', 'running',
  'cooking', 'music', 'reading', 'book', 'garden', 'dog', 'cat', 'park', 'beach', 'mountain',
  'milestone', 'anniversary', 'chip', 'birthday', 'holiday', 'christmas', 'thanksgiving', 'summer', 'winter', 'spring',
  'autumn', 'rain', 'sunshine', 'tired', 'hopeful', 'proud', 'nervous', 'lonely', 'angry', 'peaceful',
  'volunteer', 'service', 'commitment', 'boundaries', 'forgiveness', 'amends', 'gratitude', 'acceptance', 'courage', 'serenity',
  'meditation', 'prayer', 'yoga', 'hiking', 'cycling', 'swimming', 'painting', 'drawing', 'guitar', 'piano',
  'recipe', 'soup', 'tea', 'breakfast', 'lunch', 'sandwich', 'pancakes', 'salad', 'pizza', 'smoothie',
  'interview', 'promotion', 'resume', 'manager', 'coworker', 'shift', 'overtime', 'commute', 'office', 'warehouse',
  'daughter', 'son', 'mother', 'father', 'sister', 'brother', 'grandmother', 'partner', 'wedding', 'baby',
  'apartment', 'landlord', 'rent', 'moving', 'roommate', 'neighborhood', 'library', 'church', 'bus', 'train',
  'doctor', 'dentist', 'medication', 'appointment', 'insurance', 'pharmacy', 'clinic', 'nurse', 'checkup', 'bloodwork',
  'budget', 'savings', 'paycheck', 'taxes', 'bills', 'credit', 'loan', 'groceries', 'coupon', 'thrift',
  'podcast', 'documentary', 'movie', 'series', 'novel', 'memoir', 'poetry', 'audiobook', 'playlist', 'concert',
  'trigger', 'slip', 'urge', 'setback', 'relapse', 'recovery', 'aftercare', 'outpatient', 'alumni', 'graduation',
  'compassion', 'kindness', 'resilience', 'perspective', 'mindfulness', 'vulnerability', 'accountability', 'humility', 'integrity', 'purpose',
  'lighthouse', 'harbor', 'kayak', 'canoe', 'campfire', 'tent', 'sunrise', 'sunset', 'stargazing', 'telescope',
  'pottery', 'knitting', 'crochet', 'woodworking', 'carpentry', 'welding', 'photography', 'calligraphy', 'origami', 'embroidery',
  'sourdough', 'kombucha', 'lasagna', 'enchiladas', 'gumbo', 'risotto', 'dumplings', 'curry', 'falafel', 'tamales',
  'marathon', 'triathlon', 'pilates', 'climbing', 'bouldering', 'rowing', 'skating', 'snowshoe', 'archery', 'fencing',
  'saxophone', 'trombone', 'ukulele', 'harmonica', 'violin', 'cello', 'accordion', 'banjo', 'mandolin', 'xylophone',
];

// prettier-ignore
const SYLLABLES = ['ba', 'ke', 'lo', 'mi', 'nu', 'ra', 'se', 'ti', 'vo', 'za', 'dor', 'fen', 'gal', 'hin', 'jur', 'kas', 'lem', 'mor', 'nel', 'pim'];

/** The long tail: 6,000 pronounceable made-up words (rarer and rarer), after the real ones. */
function tail(count: number): string[] {
  const words: string[] = [];
  const n = SYLLABLES.length;
  for (let i = 0; words.length < count; i++) {
    words.push(
      `${SYLLABLES[i % n]}${SYLLABLES[Math.floor(i / n) % n]}${SYLLABLES[Math.floor(i / (n * n)) % n]}`,
    );
  }
  return words;
}

/** Every content word, most frequent first (index 0 is rank 1). */
export const VOCABULARY: readonly string[] = [...HEAD, ...tail(6_000)];

/** Where the real words end and the made-up tail begins. */
export const HEAD_SIZE = HEAD.length;
