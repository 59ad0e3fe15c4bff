import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The architecture's boundaries are lint rules (eslint.config.js): each
 * import below, in the file named, must be refused, and each allowed one
 * must pass.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, source: string): Promise<boolean> {
  const [result] = await eslint.lintText(source, { filePath });
  return result!.messages.some((m) => m.ruleId === 'no-restricted-imports');
}

const cases: [file: string, source: string, refused: boolean][] = [
  // Modules import each other only through their index.ts.
  ['src/server/modules/cases/x.ts', "import { a } from '../directory/directory.service.js';", true],
  ['src/server/modules/cases/x.ts', "import { a } from '../directory/index.js';", false],
  ['src/server/modules/cases/x.ts', "import { a } from './cases.service.js';", false],
  ['src/server/modules/cases/x.ts', "import { a } from '../../../shared/problems.js';", false],
  ['src/server/modules/cases/x.ts', "import { a } from '../../platform/db.js';", false],
  // A table file may name another module's table file (foreign keys), nothing else of it.
  ['src/server/modules/cases/x.tables.ts', "import { a } from '../directory/directory.tables.js';", false],
  ['src/server/modules/cases/x.tables.ts', "import { a } from '../directory/directory.repo.js';", true],
  // access/ (and the rest of the server) imports no module internals.
  ['src/server/access/x.ts', "import { a } from '../modules/organisations/organisations.tables.js';", true],
  ['src/server/access/x.ts', "import { a } from '../modules/organisations/organisations.repo.js';", true],
  ['src/server/access/x.ts', "import { a } from '../modules/organisations/index.js';", false],
  ['src/server/audit/x.ts', "import { a } from '../modules/cases/cases.service.js';", true],
  ['src/server/app.ts', "import { a } from './modules/instance/instance.routes.js';", true],
  ['src/server/app.ts', "import { a } from './modules/instance/index.js';", false],
  // Only platform/db.ts opens the database client; platform/ needs no module's tables.
  ['src/server/modules/cases/x.ts', "import pg from 'pg';", true],
  ['src/server/access/x.ts', "import { PGlite } from '@electric-sql/pglite';", true],
  ['src/server/modules/cases/x.ts', "import { drizzle } from 'drizzle-orm/node-postgres';", true],
  ['src/server/modules/cases/x.ts', "import { eq } from 'drizzle-orm';", false],
  ['src/server/platform/db.ts', "import pg from 'pg';", false],
  ['src/server/platform/db.ts', "import * as schema from '../schema.js';", true],
  ['src/server/platform/x.ts', "import { a } from '../modules/cases/index.js';", true],
];

describe('architecture boundaries are lint errors', () => {
  it.each(cases)('%s: %s → refused %s', async (file, source, refused) => {
    expect(await restricted(file, source)).toBe(refused);
  });
});
