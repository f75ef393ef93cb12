import { Module } from '@nestjs/common';
import { ModerationCoreModule } from '../moderation/moderation-core.module';
import { ResourcesResolver } from './resources.resolver';
import { ResourcesService } from './resources.service';

@Module({ imports: [ModerationCoreModule], providers: [ResourcesService, ResourcesResolver], exports: [ResourcesService] })
export class ResourcesModule {}
