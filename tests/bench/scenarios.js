// Times every scenario played headless in Node (`runScenario`), with fresh RSA keys per world and with one key source shared by all.
import { performance } from 'node:perf_hooks';
import { createServer } from 'vite';

/**
 * @typedef {{ scenarios: number, fresh: number[], reused: number[], firstPass: number }} ScenarioTimes
 * All times in ms: one entry per pass over every scenario.
 */

/**
 * Loads the project's TypeScript sources through Vite's SSR module loader (no build, no config file:
 * the pure core needs no plugin), then plays every scenario from its first step to its last.
 * - reused: all worlds share one memoized key source whose pairs were made before timing (as the tests
 *   do); `firstPass` is the untimed pass that made them (and warmed the JIT).
 * - fresh: each world makes its own key pairs, as a learner's page does.
 * @param {string} projectDir
 * @param {number} passes
 * @returns {Promise<ScenarioTimes>}
 */
export async function timeScenarios(projectDir, passes) {
  const vite = await createServer({
    root: projectDir,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] }
  });
  try {
    const lib = await vite.ssrLoadModule('/src/lib/scenarios/index.ts');
    const sim = await vite.ssrLoadModule('/src/lib/sim/index.ts');
    /** @type {string[]} */
    const ids = lib.scenarios.map((/** @type {{ id: string }} */ s) => s.id);
    if (ids.length === 0) throw new Error('no scenarios found');

    /** @param {(id: string) => Promise<unknown>} worldFor */
    const pass = async (worldFor) => {
      const started = performance.now();
      for (const id of ids) {
        const world = await worldFor(id);
        const result = await lib.runScenario(id, world ? { world } : {});
        if (result.trace.length === 0) throw new Error(`scenario ${id} produced no trace`);
      }
      return performance.now() - started;
    };

    const keys = lib.memoizedKeys();
    const withSharedKeys = (/** @type {string} */ id) => sim.createWorld({ seed: id, keys });
    // The first pass makes the shared pairs and warms the JIT; it is reported apart, not in the medians.
    const firstPass = await pass(withSharedKeys);
    /** @type {number[]} */
    const reused = [];
    for (let i = 0; i < passes; i++) reused.push(await pass(withSharedKeys));
    /** @type {number[]} */
    const fresh = [];
    for (let i = 0; i < passes; i++) fresh.push(await pass(async () => undefined));
    return { scenarios: ids.length, fresh, reused, firstPass };
  } finally {
    await vite.close();
  }
}
