import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '../../common/db-errors';
import { conflict } from '../../graphql/errors';
import { CreateCategoryInput } from './dto/create-category.input';
import { CategoryEntity } from './entities/category.entity';

/** The category holding celebrations' reply threads: kept out of category lists and the home feed. */
export const WALL_CATEGORY_SLUG = 'milestone-wall';

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** The forum's categories: listing them in order and adding one. */
@Injectable()
export class CategoriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  categories(): Promise<CategoryEntity[]> {
    return this.dataSource.manager
      .createQueryBuilder(CategoryEntity, 'c')
      .where('c.slug <> :wall', { wall: WALL_CATEGORY_SLUG })
      .orderBy('c.position', 'ASC')
      .addOrderBy('c.name', 'ASC')
      .getMany();
  }

  async wallCategoryId(): Promise<string> {
    const category = await this.dataSource.manager.findOneByOrFail(CategoryEntity, { slug: WALL_CATEGORY_SLUG });
    return category.id;
  }

  async createCategory(input: CreateCategoryInput): Promise<CategoryEntity> {
    const manager = this.dataSource.manager;
    const base = slugify(input.name) || 'category';
    let position = input.position;
    if (position === undefined) {
      const [{ next }]: { next: number }[] = await manager.query(
        `SELECT COALESCE(MAX(position) + 1, 0)::int AS next FROM categories`,
      );
      position = next;
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const slug = attempt === 0 ? base : `${base}-${attempt + 1}`;
      try {
        return await manager.save(
          manager.create(CategoryEntity, { name: input.name, slug, description: input.description ?? '', position }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'categories_name_key')) {
          throw conflict('A category with this name already exists.', 'name');
        }
        if (!isUniqueViolation(error, 'categories_slug_key')) throw error;
      }
    }
    throw conflict('A category with a very similar name already exists.', 'name');
  }
}
