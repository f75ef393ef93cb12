/**
 * The ids of a field's hint and error (`<id>-hint`, `<id>-error`) and the aria-describedby that
 * names them, hint first: the same for a single control (FormField) and a group (FieldGroup).
 */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}
