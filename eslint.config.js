// Lint rules that keep the house's arrows pointing one way (ARCHITECTURE.md), plus the
// recommended TypeScript and React hooks checks.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['desktop/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer is web content: no Node, no Electron, no core runtime; only the contract.
      'no-restricted-imports': restrict([
        {
          group: ['node:*', 'electron', 'better-sqlite3', 'fastify'],
          message: 'The renderer talks to the contract only.',
        },
        {
          group: ['**/core/*', '**/core/**', '!**/core/story/story'],
          message: 'Use desktop/api, not the core.',
        },
        {
          group: ['**/main/**', '**/web/**', '**/cli/**'],
          message: 'The renderer may import desktop/api only.',
        },
      ]),
    },
  },
  {
    files: ['models/**/*.ts', 'device-bridge/**/*.ts', 'cloud/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/desktop/**'], message: 'models, device-bridge and cloud never import desktop.' },
      ]),
    },
  },
  {
    files: ['desktop/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['electron', '**/api/**', '**/main/**', '**/web/**', '**/renderer/**', '**/cli/**'],
          message: 'The core knows nothing of its shells.',
        },
      ]),
    },
  },
);
