import { describe, expect, it } from 'vitest';
import { SAFETY_RESOURCES } from '@kinship/shared';
import { contactLinks } from './contact';

describe('contactLinks', () => {
  it('gives 988 a call and a text link', () => {
    const lifeline = SAFETY_RESOURCES.find((r) => r.phone === '988');
    expect(lifeline).toBeDefined();
    expect(contactLinks(lifeline!)).toEqual([
      { href: 'tel:988', label: 'Call 988' },
      { href: 'sms:988', label: 'Text 988' },
    ]);
  });

  it('sends the keyword as the body of a text', () => {
    expect(
      contactLinks({ name: 'Crisis Text Line', phone: null, text: 'HOME to 741741', url: null }),
    ).toEqual([{ href: 'sms:741741?&body=HOME', label: 'Text HOME to 741741' }]);
  });

  it('dials digits only', () => {
    expect(contactLinks({ name: 'SAMHSA', phone: '1-800-662-4357', text: null, url: null })).toEqual([
      { href: 'tel:18006624357', label: 'Call 1-800-662-4357' },
    ]);
  });
});
