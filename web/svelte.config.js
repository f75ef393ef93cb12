import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: {
    runes: true,
  },
  kit: {
    adapter: adapter(),
    // Absolute links in server-rendered HTML ("/help", not "../help").
    paths: { relative: false },
    // Nothing is loaded from anywhere but Kinship itself: no CDNs, fonts or trackers. SvelteKit adds
    // a nonce (SSR) or a hash (prerendered) for the small inline script that starts the app, and
    // sends this as the pages' Content-Security-Policy header. Answers that are not pages get a
    // stricter one from hooks.server.ts ($lib/server/security-headers), with the other headers.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self'],
        // Style attributes only: SvelteKit's route announcer (for screen readers, on every page)
        // and Svelte's style: directives (the milestone progress bar) write them, and without this
        // Chromium blocks them. An attribute can neither load anything nor run script; <style>
        // elements and style sheets from elsewhere stay blocked.
        'style-src-attr': ['unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
        'base-uri': ['none'],
        'object-src': ['none'],
      },
    },
    // The same-origin check for form posts is done in hooks.server.ts instead (isCrossSiteFormSubmission):
    // identical for every path except /unsubscribe, which mail providers post to (RFC 8058 one-click).
    csrf: {
      checkOrigin: false,
    },
  },
};

export default config;
