import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Leave a field out to keep it; send null to go back to the deployment default. */
@InputType()
export class ModerationSettingsInput {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'Flag threshold must be a whole number.' })
  @Min(1, { message: 'Flag threshold must be at least 1.' })
  @Max(50, { message: 'Flag threshold can be at most 50.' })
  flagHideThreshold?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'First posts to review must be a whole number.' })
  @Min(0, { message: 'First posts to review must be 0 or more.' })
  @Max(20, { message: 'First posts to review can be at most 20.' })
  premodFirstPosts?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'Escalation minutes must be a whole number.' })
  @Min(1, { message: 'Escalation must be at least 1 minute.' })
  @Max(240, { message: 'Escalation can be at most 240 minutes.' })
  crisisEscalationMinutes?: number | null;
}
