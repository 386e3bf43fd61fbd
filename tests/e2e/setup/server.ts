// Vitest global setup for e2e: serves the built site on 127.0.0.1 with `vite preview` for the run.
import { existsSync } from 'node:fs';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync('build/index.html')) {
    throw new Error(
      'e2e: build/index.html is missing. Run `npm run build` first (`npm test` does it for you).'
    );
  }
  const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('e2e: preview server has no port');
  project.provide('baseUrl', `http://127.0.0.1:${address.port}`);
  return async () => {
    await server.close();
  };
}
