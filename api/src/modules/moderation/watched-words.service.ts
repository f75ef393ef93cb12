import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { isUuid } from '../../common/crypto';
import { WatchedWordEntity } from '../screening/entities/watched-word.entity';
import { WatchedWordInput } from './dto/moderation.inputs';

/** Admins keep the list of words screening blocks, holds for review or flags. */
@Injectable()
export class WatchedWordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async addWatchedWord(input: WatchedWordInput, admin: Viewer): Promise<WatchedWordEntity> {
    const word = input.word.toLowerCase().replace(/\s+/g, ' ');
    await this.dataSource.query(
      `INSERT INTO watched_words (word, action, created_by) VALUES ($1, $2, $3)
       ON CONFLICT (word) DO UPDATE SET action = EXCLUDED.action`,
      [word, input.action, admin.id],
    );
    return this.dataSource.manager.findOneByOrFail(WatchedWordEntity, { word });
  }

  watchedWords(): Promise<WatchedWordEntity[]> {
    return this.dataSource.manager.find(WatchedWordEntity, { order: { word: 'ASC' } });
  }

  async removeWatchedWord(id: string): Promise<void> {
    if (!isUuid(id)) throw notFound('That watched word');
    await this.dataSource.query(`DELETE FROM watched_words WHERE id = $1`, [id]);
  }
}
