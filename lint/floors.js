// ESLint rule `floors/floors`: the house has floors, and imports travel down them only, through each module's entry.

import path from 'node:path';

/*
 * Every folder under src/lib is a module, and src/routes is one more. A module may import from its own floor
 * or below, never from above. Across modules it imports the other module's entry (`$lib/sim`, `../sim`,
 * `../sim/index`), never a file behind it, so each module decides what it shows. A few modules have a
 * second, named entry where one barrel would cost the page bytes: see `extraEntries`.
 */
export const floors = [
  ['sim', 'hosting'],
  ['machines', 'scenarios', 'sandbox'],
  ['diagram', 'inspect', 'content', 'live', 'embed', 'export', 'path', 'exercises', 'guide'],
  ['ui', 'server'],
  ['routes']
];

/**
 * Entries besides `index`, by module: a path inside the module (without extension), or a test on it.
 * @type {Record<string, (string | ((inner: string) => boolean))[]>}
 */
export const extraEntries = {
  // The diagram's DOM half (drawing; d3 behind it in travel.ts): the UI loads it apart from the pure geometry.
  diagram: ['draw'],
  embed: ['options'],
  // The scenario player alone (xstate and a small machine): pages load it with the learner's first action.
  machines: ['player'],
  // Scenario titles and groups without the simulation, for pages' first load.
  scenarios: ['definitions-info'],
  // The live sandbox session brings the simulated cloud: the page loads it after first paint.
  sandbox: ['session'],
  // Components are the UI's public face; a barrel of components would defeat code splitting.
  ui: [(inner) => /\.svelte$/.test(inner) || /\.css$/.test(inner)]
};

/** @type {Map<string, number>} */
const floorOf = new Map(floors.flatMap((names, level) => names.map((name) => [name, level])));

/**
 * The module a path under the project belongs to, and the path inside it, or undefined.
 * @param {string} absolute
 * @param {string} root
 * @returns {{ module: string, inner: string } | undefined}
 */
export function locate(absolute, root) {
  const relative = path.relative(root, absolute).split(path.sep).join('/');
  let match = /^src\/lib\/([^/]+)(?:\/(.*))?$/.exec(relative);
  if (match) return { module: match[1] ?? '', inner: match[2] ?? '' };
  match = /^src\/routes(?:\/(.*))?$/.exec(relative);
  if (match) return { module: 'routes', inner: match[1] ?? '' };
  return undefined;
}

/**
 * @param {string} module
 * @param {string} inner
 */
function isEntry(module, inner) {
  const bare = inner.replace(/\.(ts|js)$/, '');
  if (bare === '' || bare === 'index') return true;
  return (extraEntries[module] ?? []).some((entry) =>
    typeof entry === 'function' ? entry(inner) : entry === bare
  );
}

/**
 * What is wrong with importing `specifier` from `filename`, or undefined when it is fine.
 * @param {string} filename
 * @param {string} specifier
 * @param {string} root
 * @returns {string | undefined}
 */
export function floorViolation(filename, specifier, root) {
  const from = locate(filename, root);
  const fromFloor = from && floorOf.get(from.module);
  if (!from || fromFloor === undefined) return undefined;
  let target;
  if (specifier.startsWith('$lib/') || specifier === '$lib') {
    target = path.join(root, 'src/lib', specifier.slice('$lib'.length));
  } else if (specifier.startsWith('.')) {
    target = path.resolve(path.dirname(filename), specifier);
  } else {
    return undefined;
  }
  const to = locate(target, root);
  if (!to || to.module === from.module) return undefined;
  const toFloor = floorOf.get(to.module);
  if (toFloor === undefined) return `${to.module} is not on any floor: add it to lint/floors.js.`;
  if (toFloor > fromFloor) {
    return `${from.module} must not import from ${to.module}: it is on a floor above (sim ← machines/scenarios/sandbox ← diagram/inspect ← ui ← routes).`;
  }
  if (!isEntry(to.module, to.inner)) {
    return `Import ${to.module} through its index.ts, not ${to.module}/${to.inner}.`;
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports go down the floors only, through each module’s entry.' },
    schema: []
  },
  create(context) {
    const root = context.cwd;
    const filename = context.filename;
    /**
     * @param {import('eslint').Rule.Node} node
     * @param {object | null | undefined} source
     */
    const check = (node, source) => {
      if (!source || !('value' in source) || typeof source.value !== 'string') return;
      const problem = floorViolation(filename, source.value, root);
      if (problem) context.report({ node, message: problem });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source)
    };
  }
};

export default { rules: { floors: rule } };
