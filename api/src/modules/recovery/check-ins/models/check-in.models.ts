import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A daily check-in. Only its member ever sees it.' })
export class CheckIn {
  @Field(() => ID)
  id: string;

  @Field({ description: "The member's local day, YYYY-MM-DD." })
  day: string;

  @Field(() => Int, { description: '1 (very low) to 5 (very good).' })
  mood: number;

  @Field(() => Int, { description: '0 (none) to 4 (very strong).' })
  cravings: number;

  @Field(() => Int, { nullable: true, description: 'How well I slept: 1 (very poorly) to 5 (very well).' })
  sleep: number | null;

  @Field(() => String, { nullable: true, description: 'What helped today.' })
  helped: string | null;

  @Field(() => String, { nullable: true, description: 'What was hard.' })
  hard: string | null;

  @Field()
  updatedAt: Date;
}

@ObjectType({ description: 'Hard days in a row (cravings 4 or mood 1), ending today or, before today’s check-in, yesterday.' })
export class CheckInPattern {
  @Field(() => Int)
  hardDays: number;

  @Field({ description: 'Three or more hard days in a row: show the member their plan.' })
  showPlan: boolean;

  @Field({ description: 'Offer, once in this stretch, to let the member’s people know. Nobody is ever told without the member.' })
  offerReachOut: boolean;
}

@ObjectType({ description: 'A monthly Brief Assessment of Recovery Capital (BARC-10).' })
export class RecoveryCapitalCheck {
  @Field(() => ID)
  id: string;

  @Field({ description: "The member's local month, YYYY-MM." })
  month: string;

  @Field(() => [Int], { description: 'The ten answers in item order, each 1 (strongly disagree) to 6 (strongly agree).' })
  answers: number[];

  @Field(() => Int, { description: '10-60.' })
  total: number;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class TrendDay {
  @Field({ description: 'YYYY-MM-DD, local.' })
  day: string;

  @Field(() => Int, { nullable: true })
  mood: number | null;

  @Field(() => Int, { nullable: true })
  cravings: number | null;

  @Field(() => Int, { nullable: true })
  sleep: number | null;
}

@ObjectType()
export class CheckInTrend {
  @Field(() => [TrendDay], { description: 'One per local day of the range, oldest first; nulls where there was no check-in.' })
  days: TrendDay[];

  @Field(() => [RecoveryCapitalCheck], { description: 'BARC-10 checks of the last twelve months, oldest first.' })
  recoveryCapital: RecoveryCapitalCheck[];
}

@ObjectType()
export class CheckInSettings {
  @Field({ description: 'Off: the check-in pages say so and new check-ins are refused.' })
  enabled: boolean;

  @Field({ description: 'A gentle reminder at reminderTime, if no check-in yet that day.' })
  reminder: boolean;

  @Field(() => String, { nullable: true, description: 'HH:MM in the member’s time zone.' })
  reminderTime: string | null;
}
