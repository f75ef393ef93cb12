/** Crisis resources shown to a member at once when what they write reads as a crisis. */
export interface SafetyResource {
  name: string;
  description: string;
  phone: string | null;
  text: string | null;
  url: string | null;
}

export const SAFETY_RESOURCES: readonly SafetyResource[] = [
  {
    name: '988 Suicide and Crisis Lifeline',
    description: 'Free, confidential support 24/7. Call or text 988.',
    phone: '988',
    text: '988',
    url: 'https://988lifeline.org',
  },
  {
    name: 'SAMHSA National Helpline',
    description: 'Free, confidential treatment referral and information, 24/7, in English and Spanish.',
    phone: '1-800-662-4357',
    text: null,
    url: 'https://www.samhsa.gov/find-help/national-helpline',
  },
  {
    name: 'Crisis Text Line',
    description: 'Text HOME to 741741 to reach a trained crisis counselor.',
    phone: null,
    text: 'HOME to 741741',
    url: 'https://www.crisistextline.org',
  },
  {
    name: 'Local emergency services',
    description: 'If you or someone near you is in immediate danger, call your local emergency number (911 in the US).',
    phone: '911',
    text: null,
    url: null,
  },
];
