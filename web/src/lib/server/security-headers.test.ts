import { describe, expect, it } from 'vitest';
import { HSTS, NON_PAGE_CSP, securityHeaders, withSecurityHeaders } from './security-headers';

const PAGE_CSP = "default-src 'self'; script-src 'self' 'nonce-abc'; object-src 'none'";

describe('securityHeaders', () => {
  it('sends HSTS everywhere but plain http on this machine', () => {
    expect(securityHeaders(new URL('https://kinship.example/'))['strict-transport-security']).toBe(HSTS);
    expect(securityHeaders(new URL('http://kinship.example/'))['strict-transport-security']).toBe(HSTS);
    expect(securityHeaders(new URL('https://localhost:3000/'))['strict-transport-security']).toBe(HSTS);
    for (const local of ['http://localhost:3000/', 'http://127.0.0.1:3000/threads/1', 'http://[::1]:3000/']) {
      expect(securityHeaders(new URL(local))['strict-transport-security'], local).toBe(undefined);
    }
  });

  it('asks browsers for no sniffing, same-origin referrers, no features and no indexing', () => {
    const headers = securityHeaders(new URL('https://kinship.example/'));
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['x-robots-tag']).toBe('noindex, nofollow');
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'browsing-topics']) {
      expect(headers['permissions-policy']).toContain(`${feature}=()`);
    }
    expect(headers['permissions-policy']).not.toContain('clipboard-write');
  });
});

describe('withSecurityHeaders', () => {
  const url = new URL('https://kinship.example/threads/1');

  it("keeps the page's own CSP (with its nonce) and adds the rest", () => {
    const page = new Response('<!doctype html>', {
      headers: { 'content-type': 'text/html', 'content-security-policy': PAGE_CSP },
    });
    const answer = withSecurityHeaders(page, url);
    expect(answer.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('strict-transport-security')).toBe(HSTS);
  });

  it('gives answers that are not pages a policy that allows nothing', () => {
    const redirect = withSecurityHeaders(
      new Response(null, { status: 303, headers: { location: '/signin' } }),
      url,
    );
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe('/signin');
    expect(redirect.headers.get('content-security-policy')).toBe(NON_PAGE_CSP);
    for (const directive of [
      "default-src 'none'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(NON_PAGE_CSP).toContain(directive);
    }
  });

  it("replaces an endpoint's weaker choice", () => {
    const feed = new Response('BEGIN:VCALENDAR', { headers: { 'x-robots-tag': 'noindex' } });
    expect(withSecurityHeaders(feed, url).headers.get('x-robots-tag')).toBe('noindex, nofollow');
  });

  it('copies a response whose headers cannot change (one passed on from fetch)', () => {
    const passedOn = Response.redirect('https://kinship.example/signin', 302);
    expect(() => passedOn.headers.set('x-test', '1')).toThrow();
    const answer = withSecurityHeaders(passedOn, url);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('https://kinship.example/signin');
    expect(answer.headers.get('referrer-policy')).toBe('same-origin');
    expect(answer.headers.get('content-security-policy')).toBe(NON_PAGE_CSP);
  });
});
