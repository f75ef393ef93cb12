import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/config';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** One-click unsubscribe (RFC 8058): the URL that turns this kind of email off. None for account emails. */
  unsubscribeUrl?: string;
}

/** SMTP through nodemailer; `enabled` is false when SMTP_URL is unset. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.email ? nodemailer.createTransport(config.email.smtpUrl) : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(email: OutgoingEmail): Promise<void> {
    if (!this.transport || !this.config.email) throw new Error('email is disabled');
    await this.transport.sendMail({
      from: this.config.email.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: email.unsubscribeUrl
        ? { 'List-Unsubscribe': `<${email.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
        : {},
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A short, neutral email: a sentence, a link into Kinship, and how to stop. Never a post body, a
 * name, a recovery date or a diagnosis, so it is safe in a shared inbox or on a lock screen.
 */
export function composeEmail(
  lines: { sentence: string; link: string }[],
  footer: { unsubscribeUrl: string; settingsUrl: string; what: string },
): { text: string; html: string } {
  const text = [
    'Hello,',
    '',
    ...lines.flatMap((l) => [l.sentence, l.link, '']),
    `To stop emails about ${footer.what}: ${footer.unsubscribeUrl}`,
    `All your email settings: ${footer.settingsUrl}`,
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1f2933;">',
    '<p>Hello,</p>',
    ...lines.map((l) => `<p>${escapeHtml(l.sentence)}<br><a href="${escapeHtml(l.link)}">Open Kinship</a></p>`),
    `<p style="font-size: 14px; color: #52606d;">To stop emails about ${escapeHtml(footer.what)}, <a href="${escapeHtml(footer.unsubscribeUrl)}">unsubscribe</a>. ` +
      `<a href="${escapeHtml(footer.settingsUrl)}">All your email settings</a>.</p>`,
    '</body></html>',
  ].join('\n');
  return { text, html };
}

/**
 * An email about the account itself (a reset link, a sign-up attempt): sentences, one link, and a
 * quieter note. Sent whatever the member's notification settings, so it has no unsubscribe.
 */
export function composeAccountEmail(parts: { lines: string[]; link: string; linkText: string; note: string }): { text: string; html: string } {
  const text = ['Hello,', '', ...parts.lines, parts.link, '', parts.note].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1f2933;">',
    '<p>Hello,</p>',
    ...parts.lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p><a href="${escapeHtml(parts.link)}">${escapeHtml(parts.linkText)}</a></p>`,
    `<p style="font-size: 14px; color: #52606d;">${escapeHtml(parts.note)}</p>`,
    '</body></html>',
  ].join('\n');
  return { text, html };
}
