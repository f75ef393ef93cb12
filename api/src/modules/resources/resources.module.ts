import { Module } from '@nestjs/common';
import { ScreeningModule } from '../screening/screening.module';
import { ResourcesResolver } from './resources.resolver';
import { ResourcesService } from './resources.service';

@Module({ imports: [ScreeningModule], providers: [ResourcesService, ResourcesResolver], exports: [ResourcesService] })
export class ResourcesModule {}
