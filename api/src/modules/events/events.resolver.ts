import { Args, Context, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RsvpStatus } from '@kinship/shared';
import { CurrentUser } from '../../auth/decorators';
import { Viewer } from '../../auth/viewer';
import { defineLoader, GraphQLContext } from '../../graphql/loaders';
import { User } from '../accounts/models/user.model';
import { UsersLoader } from '../accounts/users.loader';
import { CreateEventInput, UpdateEventInput } from './dto/event.inputs';
import { EventsArgs } from './dto/events.args';
import { RsvpEntity } from './entities/rsvp.entity';
import { CalendarFeedService } from './calendar-feed.service';
import { EventListingService } from './event-listing.service';
import { EventSeriesService } from './event-series.service';
import { RsvpService } from './rsvp.service';
import { Event, EventConnection, Rsvp, RsvpStatusEnum, toEvent } from './models/event.model';

@ObjectType({ description: 'A member going to an event: display name only.' })
export class Attendee {
  @Field(() => ID)
  id: string;

  @Field()
  displayName: string;
}

@ObjectType({ description: 'Your private calendar feed link; shown once, so copy it now.' })
export class CalendarLink {
  @Field()
  url: string;
}

const ATTENDEES = defineLoader<string, Attendee[]>('events.attendeesByEventId');
const VIEWER_RSVPS = defineLoader<string, RsvpEntity | null>('events.viewerRsvpByEventId');

@Resolver(() => Event)
export class EventsResolver {
  constructor(
    private readonly listing: EventListingService,
    private readonly series: EventSeriesService,
    private readonly rsvps: RsvpService,
    private readonly calendar: CalendarFeedService,
    private readonly users: UsersLoader,
  ) {}

  @Query(() => EventConnection, { description: 'Upcoming events by start.' })
  async events(@Args() args: EventsArgs, @CurrentUser() viewer: Viewer): Promise<EventConnection> {
    const page = await this.listing.list(args, viewer);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toEvent(e.node) })) };
  }

  @Query(() => Event, { nullable: true })
  async event(@Args('id', { type: () => ID }) id: string, @CurrentUser() viewer: Viewer): Promise<Event | null> {
    const event = await this.listing.find(id, viewer);
    return event && toEvent(event);
  }

  @Mutation(() => Event, {
    description: 'Staff publish at once; members wait for a moderator. A recurrence creates the whole series (returns the first).',
  })
  async createEvent(@Args('input') input: CreateEventInput, @CurrentUser() viewer: Viewer): Promise<Event> {
    const [first] = await this.series.create(input, viewer);
    return toEvent(first);
  }

  @Mutation(() => Event, { description: 'Organiser or moderator; scope THIS or ALL_FUTURE.' })
  async updateEvent(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateEventInput,
    @CurrentUser() viewer: Viewer,
  ): Promise<Event> {
    return toEvent(await this.series.update(id, input, viewer));
  }

  @Mutation(() => Event, { description: 'Organiser or moderator; the reason is sent to members who planned to come.' })
  async cancelEvent(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
    @CurrentUser() viewer: Viewer,
  ): Promise<Event> {
    return toEvent(await this.series.cancel(id, reason, viewer));
  }

  @Mutation(() => Rsvp)
  async rsvp(
    @Args('eventId', { type: () => ID }) eventId: string,
    @Args('status', { type: () => RsvpStatusEnum }) status: RsvpStatus,
    @CurrentUser() viewer: Viewer,
  ): Promise<Rsvp> {
    return this.toRsvp(await this.rsvps.rsvp(eventId, status, viewer));
  }

  @Mutation(() => CalendarLink, { description: 'A new private calendar feed of your going events; the old link stops working.' })
  async resetCalendarLink(@CurrentUser() viewer: Viewer): Promise<CalendarLink> {
    return { url: `/calendar/${await this.calendar.resetCalendarToken(viewer)}.ics` };
  }

  @ResolveField(() => String, { nullable: true, description: 'Only for members going, the organiser and moderators.' })
  async address(@Parent() event: Event, @CurrentUser() viewer: Viewer, @Context() ctx: GraphQLContext): Promise<string | null> {
    return (await this.mayLocate(event, viewer, ctx)) ? event.rawAddress : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'Only for members going, the organiser and moderators.' })
  async onlineUrl(@Parent() event: Event, @CurrentUser() viewer: Viewer, @Context() ctx: GraphQLContext): Promise<string | null> {
    return (await this.mayLocate(event, viewer, ctx)) ? event.rawOnlineUrl : null;
  }

  @ResolveField(() => User)
  organizer(@Parent() event: Event, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<User> {
    return this.users.load(ctx.loaders, event.organizerId, viewer);
  }

  @ResolveField(() => Rsvp, { nullable: true })
  async viewerRsvp(@Parent() event: Event, @Context() ctx: GraphQLContext, @CurrentUser() viewer: Viewer): Promise<Rsvp | null> {
    const rsvp = await this.viewerRsvpEntity(event, ctx, viewer);
    return rsvp && this.toRsvp(rsvp);
  }

  @ResolveField(() => [Attendee], { description: 'Members going, by display name.' })
  attendees(@Parent() event: Event, @Context() ctx: GraphQLContext): Promise<Attendee[]> {
    return ctx.loaders.for(ATTENDEES, (ids) => this.rsvps.attendeesByEventIds(ids)).load(event.id);
  }

  @ResolveField(() => Boolean, { description: 'You may edit or cancel it.' })
  viewerCanEdit(@Parent() event: Event, @CurrentUser() viewer: Viewer): boolean {
    return event.organizerId === viewer.id || viewer.role !== 'MEMBER';
  }

  private viewerRsvpEntity(event: Event, ctx: GraphQLContext, viewer: Viewer): Promise<RsvpEntity | null> {
    return ctx.loaders.for(VIEWER_RSVPS, (ids) => this.rsvps.rsvpsForViewer(ids, viewer.id)).load(event.id);
  }

  private async mayLocate(event: Event, viewer: Viewer, ctx: GraphQLContext): Promise<boolean> {
    if (event.organizerId === viewer.id || viewer.role !== 'MEMBER') return true;
    const rsvp = await this.viewerRsvpEntity(event, ctx, viewer);
    return rsvp?.status === 'GOING' && !rsvp.waitlisted;
  }

  private async toRsvp(rsvp: RsvpEntity): Promise<Rsvp> {
    return { status: rsvp.status, waitlisted: rsvp.waitlisted, waitlistPosition: await this.rsvps.waitlistPosition(rsvp) };
  }
}
