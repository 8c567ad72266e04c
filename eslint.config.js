// Lint: type-aware TS rules, architecture boundaries, no import cycles, max 400 lines a file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const el = (type, pattern, mode = 'folder') => ({ type, pattern, mode });

const ADAPTERS = { sources: ['rss', 'reddit'], classify: ['local', 'huggingface'], chat: ['console', 'discord'], store: ['lowdb', 'memory', 'postgres'] };

/** Which element may import which. The core never imports an adapter; adapters never import each other. */
const allow = {
  domain: [],
  shared: ['domain'],
  net: ['domain', 'shared'],
  matching: ['domain', 'shared'],
  analysis: ['domain', 'shared'],
  config: ['domain', 'shared', 'matching'],
  'sources-core': ['domain', 'shared'],
  'source-adapter': ['domain', 'shared', 'net', 'sources-core'],
  'classify-core': ['domain', 'shared', 'classify-core'],
  'classify-adapter': ['domain', 'shared', 'net', 'classify-core'],
  'store-core': ['domain', 'shared', 'sources-core'],
  'store-adapter': ['domain', 'shared', 'sources-core', 'store-core'],
  delivery: ['domain', 'shared', 'analysis', 'store-core', 'matching'],
  'chat-core': ['domain', 'shared', 'store-core', 'delivery', 'analysis'],
  'chat-adapter': ['domain', 'shared', 'net', 'chat-core', 'store-core', 'delivery', 'analysis', 'matching', 'config'],
  pipeline: ['domain', 'shared', 'config', 'matching', 'analysis', 'delivery', 'sources-core', 'classify-core', 'store-core', 'chat-core'],
  scheduler: ['domain', 'shared'],
  demo: ['domain', 'shared'],
  http: ['domain', 'shared'],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'models/**', '.dependency-cruiser.cjs', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { boundaries, 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true, project: import.meta.dirname })],
      'import/resolver': { typescript: { alwaysTryTypes: true }, node: true },
      'boundaries/include': ['src/**/*.ts'],
      'boundaries/elements': [
        el('app', 'src/*.ts', 'file'),
        el('app', 'src/app'),
        el('sources-core', 'src/sources/*.ts', 'file'),
        el('classify-core', 'src/classify/*.ts', 'file'),
        el('store-core', 'src/store/*.ts', 'file'),
        el('chat-core', 'src/chat/*.ts', 'file'),
        el('source-adapter', 'src/sources/*'),
        el('classify-adapter', 'src/classify/*'),
        el('store-adapter', 'src/store/*'),
        el('chat-adapter', 'src/chat/*'),
        ...['domain', 'shared', 'net', 'matching', 'analysis', 'config', 'delivery', 'pipeline', 'scheduler', 'demo', 'http'].map((t) =>
          el(t, `src/${t}`),
        ),
      ],
    },
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
      'no-console': 'error',
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            { from: { element: { type: 'app' } }, allow: { to: { element: { type: '*' } } } },
            ...Object.entries(allow).map(([from, to]) => ({
              from: { element: { type: from } },
              allow: { to: { element: { types: { anyOf: [from, ...to] } } } },
            })),
          ],
        },
      ],
    },
  },
  // Adapters of one kind may not import each other (e.g. sources/rss <-> sources/reddit): each can be swapped alone.
  ...Object.entries(ADAPTERS).flatMap(([kind, names]) =>
    names.map((name) => ({
      files: [`src/${kind}/${name}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: names
              .filter((other) => other !== name)
              .map((other) => ({ group: [`../${other}/**`, `../../${kind}/${other}/**`, `**/${kind}/${other}/**`], message: `an adapter must not import another ${kind} adapter (${other})` })),
          },
        ],
      },
    })),
  ),
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off', 'boundaries/dependencies': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
