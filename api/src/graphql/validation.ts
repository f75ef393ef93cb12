import { ValidationError, ValidationPipe } from '@nestjs/common';
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
