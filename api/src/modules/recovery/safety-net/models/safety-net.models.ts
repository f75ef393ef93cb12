import { applyDecorators } from '@nestjs/common';
import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import { SAFETY_PLAN_LIMITS, SAFETY_PLAN_STEPS, type SafetyPlanStep } from '@kinship/shared';
import { stripInvisibleFormatting } from '../../../../common/validators';

export const SupportStatusEnum = { PENDING: 'PENDING', ACTIVE: 'ACTIVE' } as const;
registerEnumType(SupportStatusEnum, {
  name: 'SupportStatus',
  description: 'PENDING until the person asked accepts; ACTIVE while they are one of your people.',
});

const title = (key: SafetyPlanStep) => SAFETY_PLAN_STEPS.find((s) => s.key === key)!.title;

@ObjectType({ description: 'Your plan for hard moments (the six Stanley-Brown steps and your reasons). Only you see it.' })
export class SafetyPlan {
  @Field(() => [String], { description: 'Warning signs that a hard moment may be coming.' })
  warningSigns: string[];

  @Field(() => [String], { description: 'Things I can do on my own.' })
  copingStrategies: string[];

  @Field(() => [String], { description: 'People and places that take my mind off it.' })
  distractions: string[];

  @Field(() => [String], { description: 'People I can ask for help.' })
  helpers: string[];

  @Field(() => [String], { description: 'Professionals and services; the crisis lines until the plan is first saved.' })
  professionals: string[];

  @Field(() => [String], { description: 'Making my surroundings safer.' })
  safeEnvironment: string[];

  @Field(() => [String], { description: 'What I am staying in recovery for.' })
  reasons: string[];

  @Field(() => Date, { nullable: true, description: 'When you last saved it; null until the first save.' })
  updatedAt: Date | null;
}

/**
 * One step's list: each item cleaned (invisible formatting removed, trimmed), blank ones dropped,
 * then at most 12 items of at most 200 characters, each refusal naming the step.
 */
function PlanStep(key: SafetyPlanStep): PropertyDecorator {
  const name = title(key);
  return applyDecorators(
    Field(() => [String]),
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value)
        ? (value as unknown[])
            .map((item): unknown => (typeof item === 'string' ? stripInvisibleFormatting(item).trim() : item))
            .filter((item) => item !== '')
        : value,
    ),
    IsArray({ message: `${name} must be a list.` }),
    IsString({ each: true, message: `Each item of ${name.toLowerCase()} must be text.` }),
    ArrayMaxSize(SAFETY_PLAN_LIMITS.itemsPerStep, {
      message: `${name} can hold at most ${SAFETY_PLAN_LIMITS.itemsPerStep} items; please keep the ones that help most.`,
    }),
    MaxLength(SAFETY_PLAN_LIMITS.itemMax, {
      each: true,
      message: `Each item of ${name.toLowerCase()} can be at most ${SAFETY_PLAN_LIMITS.itemMax} characters; please shorten it.`,
    }),
  );
}

@InputType({ description: 'The whole plan: every step, each a short list (at most 12 items of at most 200 characters).' })
export class SafetyPlanInput {
  @PlanStep('warningSigns')
  warningSigns: string[];

  @PlanStep('copingStrategies')
  copingStrategies: string[];

  @PlanStep('distractions')
  distractions: string[];

  @PlanStep('helpers')
  helpers: string[];

  @PlanStep('professionals')
  professionals: string[];

  @PlanStep('safeEnvironment')
  safeEnvironment: string[];

  @PlanStep('reasons')
  reasons: string[];
}

@ObjectType({ description: 'One press of "Reach out": open until one of your people marks that they reached out.' })
export class ReachOut {
  @Field(() => ID)
  id: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  answeredAt: Date | null;

  /** Resolved by a field resolver from answeredById. */
  answeredById: string | null;

  memberId: string;
}

@ObjectType({ description: 'A member and one of the people they chose (support person).' })
export class SupportLink {
  @Field(() => ID)
  id: string;

  @Field(() => SupportStatusEnum)
  status: keyof typeof SupportStatusEnum;

  @Field()
  createdAt: Date;

  memberId: string;
  supporterId: string;
  acceptedAt: Date | null;
}
