// Vite and Vitest configuration: the app build, and the three test projects (node, dom, e2e).
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { staticHeaders } from './src/lib/hosting/static-headers.ts';

export default defineConfig({
  plugins: [sveltekit(), staticHeaders()],
  // amazon-cognito-identity-js expects a Node-style `global`.
  define: { global: 'globalThis' },
  build: {
    rollupOptions: {
      // The simulated cloud is pure: importing one of its modules only defines things. Saying so lets a page
      // that reads the trace through `$lib/sim` (the diagram's labels) take the few helpers it uses, not the
      // whole simulation. `tests/lint` and the purity test keep sim free of DOM and globals.
      treeshake: {
        moduleSideEffects: (id: string) => (/[\\/]src[\\/]lib[\\/]sim[\\/]/.test(id) ? false : undefined)
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
