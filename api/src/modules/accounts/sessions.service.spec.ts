import { describe, expect, it } from 'vitest';
import { deviceHint } from './sessions.service';

describe('deviceHint', () => {
  it.each([
    ['Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36', 'Chrome on Android'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Safari/604.1', 'Safari on iOS'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox on Windows'],
    ['curl/8.0', 'Unknown device'],
  ])('describes %s coarsely', (ua, hint) => {
    expect(deviceHint(ua)).toBe(hint);
  });

  it('says nothing when there is no header', () => {
    expect(deviceHint(undefined)).toBeNull();
  });
});
