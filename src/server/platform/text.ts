import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldIssue } from '../../shared/problems.js';
import { AppError } from './errors.js';

/**
 * Text no field may hold: NUL (PostgreSQL refuses it in text: a 500 otherwise),
 * the other C0 control characters but tab, newline and carriage return
 * (invisible, and they break the XML of spreadsheet exports), and lone UTF-16
 * surrogates (not Unicode: stored as U+FFFD, so silently altered).
 */
// eslint-disable-next-line no-control-regex
const INVALID_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isValidText = (s: string): boolean => !INVALID_TEXT.test(s);

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The JSON pointer of every string (value or key) that is not valid text,
 * under `root`. Iterative: a deeply nested body cannot exhaust the stack.
 */
export function invalidTextPointers(value: unknown, root: string): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [node, pointer] = stack.pop()!;
    if (typeof node === 'string') {
      if (!isValidText(node)) found.push(pointer);
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], `${pointer}/${i}`]);
    } else if (node !== null && typeof node === 'object' && !Buffer.isBuffer(node)) {
      const entries = Object.entries(node as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        // A bad key is named by its parent: the pointer never carries what was sent.
        if (!isValidText(key)) found.push(pointer);
        else stack.push([child, `${pointer}/${escapePointer(key)}`]);
      }
    }
  }
  return [...new Set(found)];
}

/** Field errors for every bad string of the request's path parameters, query and body. */
export function invalidTextErrors(request: FastifyRequest): FieldIssue[] {
  // Pointers use the same roots as the schema validation errors.
  const pointers = [
    ...invalidTextPointers(request.params, '/params'),
    ...invalidTextPointers(request.query, '/querystring'),
    ...invalidTextPointers(request.body, '/body'),
  ];
  return pointers.map((pointer) => ({ pointer, code: 'invalid_text' }));
}

/**
 * THE edge check for text, on every route (public ones too), before schema
 * validation and before any handler: a request holding invalid text anywhere
 * is refused with `validation_failed` naming each field.
 */
export function registerTextCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const errors = invalidTextErrors(request);
    if (errors.length) throw new AppError('validation_failed', { errors });
  });
}
