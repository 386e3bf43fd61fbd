// Vite and Vitest configuration: the app build, and the three test projects (node, dom, e2e).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { staticHeaders } from './src/lib/hosting/static-headers.ts';

/** Modules of the pure core (eslint.config.js `pureCore`); the diagram's DOM and d3 halves are not among them. */
const PURE_CORE =
  /[\\/]src[\\/]lib[\\/](?:(?:sim|machines|scenarios|sandbox|inspect|live|export|path|exercises|guide)[\\/]|diagram[\\/](?!draw\.|travel\.))/;

/** What each client chunk holds, for `npm run size`: beside the build, never in build/ (which is deployed). */
const CHUNK_REPORT = '.svelte-kit/size/chunks.json';

interface ChunkRecord {
  /** Relative to the client's output folder, as in build/: `_app/immutable/chunks/….js`. */
  file: string;
  /** Built for the live world's worker: the page starts it, it does not import it. */
  worker: boolean;
  imports: string[];
  dynamicImports: string[];
  /** Each module's rendered length in the chunk (after tree shaking), largest first; paths relative to the project. */
  modules: { id: string; length: number }[];
}

/** This build's chunks by file; the worker's bundle is built (and recorded) while the client's is. */
const recorded = new Map<string, ChunkRecord>();

/** Records the client's chunks and writes CHUNK_REPORT when the client bundle is generated; `worker` for the worker's. */
function chunkReport(worker = false): Plugin {
  let root = process.cwd();
  return {
    name: 'two-pools:chunk-report',
    apply: 'build',
    applyToEnvironment: (environment) => worker || environment.config.consumer === 'client',
    configResolved(config) {
      root = config.root;
    },
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const modules = Object.entries(output.modules)
          .map(([id, module]) => ({ id: relative(root, id), length: module.renderedLength }))
          .filter((module) => module.length > 0)
          .sort((a, b) => b.length - a.length);
        const { fileName: file, imports, dynamicImports } = output;
        recorded.set(file, { file, worker, imports, dynamicImports, modules });
      }
      if (worker) return;
      const path = resolve(root, CHUNK_REPORT);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify({ chunks: [...recorded.values()] }, null, 1)}\n`);
      recorded.clear();
    }
  };
}

export default defineConfig({
  plugins: [sveltekit(), staticHeaders(), chunkReport()],
  // The live world runs in a module worker (src/lib/ui/live/world.worker.ts), whose chunks load as ES modules.
  worker: { format: 'es', plugins: () => [chunkReport(true)] },
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
