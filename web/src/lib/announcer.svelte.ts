/**
 * One polite live region for the whole app (rendered by the root layout): enhanced actions that
 * change a page in place (a reaction, watching a thread) say what happened through it, so screen
 * reader users hear the result without their focus moving.
 *
 * Only ever written in the browser, from event handlers; the server always renders it empty.
 */
class Announcer {
  message = $state('');
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Announces `text`; the same words twice in a row are still read out twice. */
  say(text: string): void {
    clearTimeout(this.#timer);
    this.message = '';
    // A fresh text node after a tick is what screen readers reliably pick up.
    this.#timer = setTimeout(() => {
      this.message = text;
    }, 50);
  }
}

export const announcer = new Announcer();
