import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from './errors';

function collect(errors: ValidationError[], prefix: string, out: Record<string, string>): void {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0 && !(path in out)) out[path] = messages[0];
    if (error.children?.length) collect(error.children, path, out);
  }
}

/**
 * class-validator on every input type. Failures become one BAD_USER_INPUT error whose message is
 * the first problem in a sentence and whose `extensions.fields` maps each field to its problem.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const fields: Record<string, string> = {};
      collect(errors, '', fields);
      const [field, message] = Object.entries(fields)[0] ?? ['input', 'The input is not valid.'];
      return new DomainError('BAD_USER_INPUT', message, { field, fields });
    },
  });
}

/** The path (as the validation pipe names fields: `title`, `recurrence.count`) of the first string holding a NUL. */
export function pathToNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = pathToNul(item, path ? `${path}.${i}` : String(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = pathToNul(item, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}

/** GraphQL arguments (@nestjs/graphql's GqlParamtype.ARGS) and HTTP inputs; never the context, info or custom decorators. */
const CHECKED_PARAMS = new Set<unknown>([3, 'body', 'query', 'param']);

/**
 * Refuses a NUL character in any argument, before any rule or query sees it (PostgreSQL cannot
 * store one in text, so it would otherwise surface as a server error). A field of an input type
 * is named as the validation pipe names it; a plain argument by its own name.
 */
@Injectable()
export class RefuseNulPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!CHECKED_PARAMS.has(metadata.type)) return value;
    const scalar = typeof value === 'string' || Array.isArray(value);
    const found = pathToNul(value);
    if (found === null) return value;
    const field = scalar ? [metadata.data, found].filter(Boolean).join('.') || 'input' : found || metadata.data || 'input';
    throw new DomainError('BAD_USER_INPUT', `${describe(field)} cannot contain a NUL character.`, { field });
  }
}

function describe(field: string): string {
  const last = field.split('.').filter((part) => !/^\d+$/.test(part)).pop() ?? field;
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
