import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { fieldLabel, hasLoneSurrogate } from '../common/validators';
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

type Unstorable = 'nul' | 'surrogate';

/**
 * The path (as the validation pipe names fields: `title`, `recurrence.count`) of the first string
 * PostgreSQL cannot store as sent: one holding a NUL (refused by PostgreSQL) or a lone surrogate
 * (silently stored as U+FFFD).
 */
export function pathToUnstorable(value: unknown, path = ''): { path: string; problem: Unstorable } | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { path, problem: 'nul' };
    return hasLoneSurrogate(value) ? { path, problem: 'surrogate' } : null;
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [String(i), item])
    : value && typeof value === 'object'
      ? Object.entries(value)
      : [];
  for (const [key, item] of entries) {
    const found = pathToUnstorable(item, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}

/** GraphQL arguments (@nestjs/graphql's GqlParamtype.ARGS) and HTTP inputs; never the context, info or custom decorators. */
const CHECKED_PARAMS = new Set<unknown>([3, 'body', 'query', 'param']);

/**
 * Refuses, in any argument and before any rule or query sees it, text PostgreSQL cannot keep as
 * sent: a NUL character (it would surface as a server error) or half of a UTF-16 surrogate pair
 * (JSON allows "\uD800"; it would be stored as U+FFFD). A field of an input type is named as the
 * validation pipe names it; a plain argument by its own name.
 */
@Injectable()
export class RefuseUnstorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!CHECKED_PARAMS.has(metadata.type)) return value;
    const scalar = typeof value === 'string' || Array.isArray(value);
    const found = pathToUnstorable(value);
    if (found === null) return value;
    const field = scalar ? [metadata.data, found.path].filter(Boolean).join('.') || 'input' : found.path || metadata.data || 'input';
    const label = fieldLabel(field.split('.').filter((part) => !/^\d+$/.test(part)).pop() ?? field);
    const message =
      found.problem === 'nul'
        ? `${label} cannot contain a NUL character.`
        : `${label} contains a broken character (half of a UTF-16 surrogate pair); please type it again.`;
    throw new DomainError('BAD_USER_INPUT', message, { field });
  }
}
