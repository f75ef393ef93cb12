import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { CurrentUser, Public } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { calendarFor } from './calendar';
import { CalendarFeedService } from './calendar-feed.service';
import { EventListingService } from './event-listing.service';

function sendCalendar(res: Response, filename: string, body: string): void {
  res
    .status(200)
    .setHeader('Content-Type', 'text/calendar; charset=utf-8')
    .setHeader('Content-Disposition', `inline; filename="${filename}"`)
    .send(body);
}

/** `GET /events/<id>.ics` (needs a session) and the private feed `GET /calendar/<token>.ics`. */
@Controller()
export class CalendarController {
  constructor(
    private readonly events: EventListingService,
    private readonly calendar: CalendarFeedService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('events/:file')
  async event(@Param('file') file: string, @CurrentUser() viewer: Viewer, @Res() res: Response): Promise<void> {
    const id = /^(.+)\.ics$/.exec(file)?.[1];
    const event = id ? await this.events.find(id, viewer) : null;
    if (!event) throw new NotFoundException('That event could not be found.');
    const located = await this.events.mayLocate(event, viewer);
    sendCalendar(res, 'kinship-event.ics', calendarFor(event.title, [event], () => located, this.config.webOrigin));
  }

  @Public()
  @Get('calendar/:file')
  async feed(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const token = /^(.+)\.ics$/.exec(file)?.[1];
    const found = token ? await this.calendar.feed(token) : null;
    if (!found) throw new NotFoundException('This calendar link is not valid. Make a new one in Kinship.');
    // Only the member's own going events are in the feed, so the places are theirs to see.
    sendCalendar(res, 'kinship.ics', calendarFor('Kinship events', found.events, () => true, this.config.webOrigin));
  }
}
