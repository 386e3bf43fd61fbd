// SvelteKit configuration: a fully prerendered static site with a strict Content-Security-Policy.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  // No `window.__svelte.v` version marker: bytes every page would carry for no learner's benefit.
  compilerOptions: { discloseVersion: false },
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
    prerender: { handleHttpError: 'fail', handleMissingId: 'fail' },
    // Emitted as a <meta http-equiv> tag on every prerendered page. It forbids any
    // connection off the page's origin: the simulated cloud never touches the network.
    // frame-ancestors cannot be set by a meta tag; see static/_headers and the README.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'worker-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self']
      }
    }
  }
};

export default config;
