// ESLint: TypeScript and Svelte rules, plus the architectural boundary of the pure core (ARCHITECTURE.md).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';
import floors from './lint/floors.js';

/** Directories that must stay free of Svelte, SvelteKit and the DOM: they run and are tested in Node. */
export const pureCore = [
  'src/lib/sim/**',
  'src/lib/machines/**',
  'src/lib/scenarios/**',
  'src/lib/sandbox/**',
  'src/lib/inspect/**',
  'src/lib/live/**',
  'src/lib/export/**',
  'src/lib/path/**',
  'src/lib/exercises/**',
  'src/lib/guide/**',
  'src/lib/diagram/index.ts',
  'src/lib/diagram/layout.ts',
  // The rest of the diagram's pure half: labels, reading a trace entry, text version, static markup, text measuring.
  'src/lib/diagram/labels.ts',
  'src/lib/diagram/entry.ts',
  'src/lib/diagram/present.ts',
  'src/lib/diagram/heads.ts',
  'src/lib/diagram/text.ts',
  'src/lib/diagram/markup.ts',
  'src/lib/diagram/measure.ts',
  // An answer held back while the learner predicts it.
  'src/lib/diagram/hold.ts'
];

const uiImports = [
  { group: ['svelte', 'svelte/*'], message: 'The pure core must not import Svelte (ARCHITECTURE.md).' },
  { group: ['$app/*'], message: 'The pure core must not import SvelteKit ($app/*).' },
  {
    group: ['d3-selection', 'd3-transition', 'd3'],
    message: 'The pure core must not touch the DOM; drawing belongs in src/lib/diagram/draw.ts and travel.ts.'
  }
];

const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location'].map(
  (name) => ({ name, message: `The pure core must not use the DOM global "${name}".` })
);

export default ts.config(
  { ignores: ['build/', '.svelte-kit/', 'node_modules/', 'screenshots/', 'test-results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig
      }
    }
  },
  {
    // Imports travel down the floors only, through each module's entry (lint/floors.js).
    files: ['src/**/*.ts', 'src/**/*.js', 'src/**/*.svelte'],
    plugins: { floors },
    rules: { 'floors/floors': 'error' }
  },
  {
    files: pureCore,
    rules: {
      'no-restricted-imports': ['error', { patterns: uiImports }],
      'no-restricted-globals': ['error', ...domGlobals],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time comes only from the world clock.' },
        { object: 'Math', property: 'random', message: 'Randomness comes only from the seeded source.' }
      ]
    }
  },
  {
    // The clock is the one place allowed to read the wall clock (for its default start time).
    files: ['src/lib/sim/clock.ts'],
    rules: { 'no-restricted-properties': 'off' }
  }
);
