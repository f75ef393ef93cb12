import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { LiveCountService } from './live-count.service';

const HEARTBEAT_MS = 25_000;

/**
 * `GET /notifications/stream`: server-sent events carrying the viewer's unread count (`unread`) and
 * the other domains' badges (`messages`: conversations with unread messages), each sent at once
 * and again whenever it changes. The web server proxies it to the browser with the session cookie.
 * SSE rather than a GraphQL subscription: one-way, plain HTTP, reconnects by itself, and passes
 * through the web server's existing auth without a second protocol.
 */
@Controller('notifications')
export class LiveCountController {
  constructor(private readonly live: LiveCountService) {}

  @Get('stream')
  async stream(@CurrentUser() viewer: Viewer, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const last = new Map<string, number>();
    const send = async () => {
      const counts = await this.live.counts(viewer.id).catch(() => last);
      for (const [name, count] of counts) {
        if (count !== last.get(name) && !res.writableEnded) {
          last.set(name, count);
          res.write(`event: ${name}\ndata: ${count}\n\n`);
        }
      }
    };
    const unsubscribe = this.live.subscribe(viewer.id, () => void send());
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const release = this.live.holdOpen(() => res.end());
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      release();
    });
    await send();
  }
}
