/**
 * Moves keyboard focus to an element as soon as it is on the page, as `{@attach focusOnMount}`:
 * for a notice, summary or panel that appears because of what the member just did, so keyboard
 * and screen reader users land on it first. The element needs `tabindex="-1"` unless it takes
 * focus anyway.
 */
export function focusOnMount(node: HTMLElement): void {
  node.focus();
}
