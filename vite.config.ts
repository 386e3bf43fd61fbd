// Vite and Vitest configuration: the app build, and the three test projects (node, dom, e2e).
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { staticHeaders } from './src/lib/hosting/static-headers.ts';

/** Modules of the pure core (eslint.config.js `pureCore`); the diagram's d3 half is not one of them. */
const PURE_CORE =
  /[\\/]src[\\/]lib[\\/](?:(?:sim|machines|scenarios|sandbox|inspect|live)[\\/]|diagram[\\/](?!draw\.))/;

export default defineConfig({
  plugins: [sveltekit(), staticHeaders()],
  // The live world runs in a module worker (src/lib/ui/live/world.worker.ts), whose chunks load as ES modules.
  worker: { format: 'es' },
  // amazon-cognito-identity-js expects a Node-style `global`.
  define: { global: 'globalThis' },
  build: {
    rollupOptions: {
      // The pure core (lint holds it free of the DOM and globals) has no import-time effects: importing one of
      // its modules only defines things. Saying so lets a page that reads the trace through a module's entry
      // (`$lib/sim`, `$lib/diagram`, ...) keep the few exports it uses, not the whole module.
      treeshake: {
        moduleSideEffects: (id: string) => (PURE_CORE.test(id) ? false : undefined)
      }
    }
  },
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/**/*.dom.test.ts']
        }
      },
      {
        extends: true,
        resolve: { conditions: ['browser'] },
        test: { name: 'dom', environment: 'jsdom', include: ['tests/**/*.dom.test.ts'] }
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/setup/server.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false
        }
      }
    ]
  }
});
