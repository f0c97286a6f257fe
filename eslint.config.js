// Lint rules the type checker does not cover: no `any` at boundaries, hooks used correctly.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { i18nPlugin } from './scripts/eslint-i18n.mjs';

// The web app's folders, lowest first: a folder may import the ones below it, never one above.
// The features sit side by side and use the core, not each other; pages put them together.
const CLIENT_LAYERS = ['i18n', 'platform', 'sync', 'editor', 'ui'];
const CLIENT_FEATURES = ['canvas', 'outline', 'workshop', 'present', 'export', 'history', 'library'];
const clientDir = (name) => `./client/src/${name}`;
const clientZones = [
  ...CLIENT_LAYERS.map((layer, i) => ({
    target: clientDir(layer),
    from: [...CLIENT_LAYERS.slice(i + 1), ...CLIENT_FEATURES, 'pages'].map(clientDir),
    message: `${layer}/ is below these folders: see docs/architecture.md, "Client".`,
  })),
  ...CLIENT_FEATURES.map((feature) => ({
    target: clientDir(feature),
    from: [...CLIENT_FEATURES.filter((other) => other !== feature), 'pages'].map(clientDir),
    message: 'A feature uses the core (editor/, ui/, sync/, platform/), not another feature: pages/ puts features together.',
  })),
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The client's folders show its architecture (docs/architecture.md): import zones and no cycles.
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.css'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: clientZones }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    // Every word people see or hear goes through i18next, in nl and en (issue 15).
    files: ['client/src/**/*.tsx'],
    ignores: ['client/src/**/*.test.tsx'],
    plugins: { i18n: i18nPlugin },
    rules: { 'i18n/no-literal-ui-text': 'error' },
  },
  {
    // Product code small enough to read in one sitting (issue 13); tests aside.
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: ['client/src/**/*.test.{ts,tsx}'],
    rules: {
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 80 }],
    },
  },
  {
    // Server parts small enough to read in one sitting (issue 13); tests and their helpers aside.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/**/*.test.ts', 'server/src/testing/**', 'server/src/storage/*Suite.ts'],
    rules: {
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 80 }],
    },
  },
  {
    // Server layers (docs/architecture.md): transport (http/, sync/) -> rooms -> adapters. Rooms
    // reach storage through its interface and other instances through their port (clusterPort.ts).
    files: ['server/src/rooms/**/*.ts', 'server/src/snapshots/**/*.ts'],
    ignores: ['server/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../http', '../http/*', '../sync', '../sync/*', '../cluster', '../cluster/*'],
              message: 'Rooms do not know the transports or the cluster adapter (use ClusterPort).',
            },
          ],
        },
      ],
    },
  },
  {
    // Storage adapters know nothing above them: a storage verb is what rooms call.
    files: ['server/src/storage/**/*.ts'],
    ignores: ['server/src/**/*.test.ts', 'server/src/storage/*Suite.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../rooms', '../rooms/*', '../http', '../http/*', '../sync', '../sync/*', '../cluster', '../cluster/*', '../snapshots', '../snapshots/*'],
              message: 'Storage adapters sit below the rooms.',
            },
          ],
        },
      ],
    },
  },
  {
    // The cluster adapter implements the rooms' port; it neither serves requests nor stores.
    files: ['server/src/cluster/**/*.ts'],
    ignores: ['server/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../http', '../http/*', '../sync', '../sync/*', '../storage', '../storage/*'],
              message: 'The cluster adapter only implements ClusterPort.',
            },
          ],
        },
      ],
    },
  },
  {
    // The model is pure: no Node APIs, no React, no sockets.
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'react', 'react-dom', 'ws', 'fs', 'path'] }],
    },
  },
);
