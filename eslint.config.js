// ESLint flat config: typescript-eslint strict, plus the import boundaries
// of the layout (ARCHITECTURE.md): shared imports nothing, web never imports
// server, platform never imports modules, modules only through their index.ts
// (access/ included), only platform/db opens the database client, only
// platform/config reads process.env.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const boundary = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }] },
});

// `regex` patterns: gitignore-style groups would also match every `../../x` path.
const restricted = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });
const INDEX_ONLY = 'Modules import each other only through their index.ts (ARCHITECTURE.md).';
/** From src/server/modules/<m>/: `../<other>/<anything but index.js>`, or a path through modules/. */
const otherModuleInternals = { regex: String.raw`^\.\./(?!modules/)[^./][^/]*/(?!index\.js$)|/modules/[^/]+/(?!index\.js$)`, message: INDEX_ONLY };
/** From the rest of the server (access/, audit/, app, cli…): `modules/<m>/<anything but index.js>`. */
const moduleInternals = { regex: String.raw`(^|/)modules/[^/]+/(?!index\.js$)`, message: `${INDEX_ONLY} access/ imports no module internals.` };
/** From a table file: another module's internals but its table files. */
const otherModuleNonTables = { regex: String.raw`^\.\./(?!modules/)[^./][^/]*/(?!index\.js$|[^/]*\.tables\.js$)|/modules/[^/]+/(?!index\.js$|[^/]*\.tables\.js$)`, message: INDEX_ONLY };
/**
 * Only platform/db.ts opens the database client (PGlite, node-postgres and
 * their Drizzle drivers); the rest receives a Drizzle handle (Db, Tx).
 */
const driverPatterns = [
  { regex: String.raw`^(pg|@electric-sql/pglite.*|drizzle-orm/(node-postgres|pglite).*)$`, message: 'Only src/server/platform/db.ts opens the database client.' },
];

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
  restricted(['src/server/platform/**'], [{ group: ['**/modules/**', '**/schema.js'], message: 'platform/ never imports modules/ (nor their tables through schema.ts).' }, ...driverPatterns]),
  restricted(['src/server/platform/db.ts'], [{ group: ['**/modules/**', '**/schema.js'], message: 'platform/ never imports modules/ (nor their tables through schema.ts).' }]),
  // Modules import each other only through index.ts; access/ and the rest of
  // the server reach a module only through it too. Table files may import
  // another module's table file (foreign keys: drizzle-kit reads the tables
  // alone, through src/server/schema.ts, which lists them all).
  restricted(['src/server/modules/**'], [otherModuleInternals, ...driverPatterns]),
  restricted(['src/server/access/**', 'src/server/audit/**', 'src/server/*.ts'], [moduleInternals, ...driverPatterns]),
  restricted(['src/server/**/*.tables.ts'], [otherModuleNonTables, ...driverPatterns]),
  restricted(['src/server/schema.ts'], driverPatterns),
  {
    files: ['src/**'],
    ignores: ['src/server/platform/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only src/server/platform/config.ts reads process.env.' }],
    },
  },
);
