// ESLint flat config: typescript-eslint strict, plus the import boundaries
// of the layout (ARCHITECTURE.md): shared imports nothing, web never imports
// server, platform never imports modules, only platform/config reads process.env.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const boundary = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }] },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'migrations/meta/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', crypto: 'readonly', URL: 'readonly', Buffer: 'readonly', Blob: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', window: 'readonly', document: 'readonly', localStorage: 'readonly', navigator: 'readonly', Intl: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-invalid-void-type': 'off',
      '@typescript-eslint/unified-signatures': 'off',
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
  boundary(['src/shared/**'], ['**/server/**', '**/web/**', 'node:*'], 'src/shared is isomorphic and imports nothing else.'),
  boundary(['src/web/**'], ['**/server/**'], 'The web app never imports server code: use src/shared.'),
  boundary(['src/server/platform/**'], ['**/modules/**'], 'platform/ never imports modules/.'),
  {
    files: ['src/**'],
    ignores: ['src/server/platform/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only src/server/platform/config.ts reads process.env.' }],
    },
  },
);
