// src/generated/registry.ts: every operation by name, for a caller that names it at run time
// (`cvat-fp api OPERATION_ID`). Only the command line imports it: a library bundle never holds
// the table (test/cli/registry.test.ts checks both). Written beside the operation modules, never
// into them, so the descriptor format can change without this file's knowledge.
import { HEADER, jsdoc } from './docs'
import type { Op, OpParam } from './operations'
import { serversOf } from './releases'
import type { Shape } from './shape'

const q = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`

// What a value of the parameter is, in the few kinds the schema's parameters have.
const kindOf = (s: Shape): string => {
  switch (s.k) {
    case 'int':
      return q('int')
    case 'boolean':
      return q('boolean')
    case 'enum':
      return `[${s.values.filter((v) => v !== null).map((v) => q(String(v))).join(', ')}]`
    default:
      return q('text')
  }
}

const param = (p: OpParam): string => `[${q(p.wire)}, ${q(p.in)}, ${kindOf(p.shape)}, ${p.required}]`

const entry = (op: Op): string =>
  [
    `  ${op.fn}: {`,
    `    id: ${q(op.id)},`,
    `    method: ${q(op.method)},`,
    `    path: ${q(op.path)},`,
    `    sentence: ${q(op.sentence)},`,
    `    servers: ${q(serversOf(op.span))},`,
    ...(op.org ? ['    org: true,'] : []),
    `    params: [${op.params.map(param).join(', ')}],`,
    ...(op.body ? [`    body: { name: ${q(op.body.name)}, encoding: ${q(op.body.encoding)}, required: ${op.body.required} },`] : []),
    `    answer: ${q(op.answer.kind)},`,
    `    run: ${op.fn},`,
    '  },',
  ].join('\n')

/** The registry module: the types, one import per operation, and the table. */
export const registryModule = (operations: ReadonlyArray<Op>): string => {
  const ops = [...operations].sort((a, b) => a.fn.localeCompare(b.fn))
  return [
    HEADER,
    '// Every operation by name, for the command line (`cvat-fp api`). Only src/cli imports this module,',
    "// so no library bundle holds the table; the library's barrel (index.ts) never re-exports it.",
    "import type { TaskEither } from 'fp-ts/TaskEither'",
    "import type { Client } from '../http/client'",
    "import type { CvatError } from '../errors'",
    ...ops.map((op) => `import { ${op.fn} } from './${op.tag}/${op.fn}'`),
    '',
    jsdoc(
      ["Names what a parameter's value is: an integer, a boolean, text, or one of the listed values."],
      "const kind: RegisteredKind = ['compressed', 'original']",
    ),
    "export type RegisteredKind = 'int' | 'boolean' | 'text' | ReadonlyArray<string>",
    '',
    jsdoc(
      ['Describes one parameter as the schema does: its wire name, where it goes, its kind, whether it is required.'],
      "const p: RegisteredParam = ['id', 'path', 'int', true]",
    ),
    "export type RegisteredParam = readonly [wire: string, place: 'path' | 'query' | 'header', kind: RegisteredKind, required: boolean]",
    '',
    jsdoc(
      [
        'Describes one operation for a caller that names it at run time: what the schema says of it, and the function that runs it.',
        '`run` takes any params object: the operation checks every value at run time and refuses what is wrong with a `RequestError`, sending nothing.',
      ],
      "const op: RegisteredOperation | undefined = registry['tasksList']",
    ),
    'export interface RegisteredOperation {',
    "  /** The schema's operation id (`tasks_list`). */",
    '  readonly id: string',
    '  readonly method: string',
    '  readonly path: string',
    '  readonly sentence: string',
    '  /** The CVAT versions that have it. */',
    '  readonly servers: string',
    '  /** Whether the organisation context applies (`org`, `org_id`, `X-Organization`). */',
    '  readonly org?: true',
    '  readonly params: ReadonlyArray<RegisteredParam>',
    "  readonly body?: { readonly name: string; readonly encoding: 'json' | 'multipart' | 'jsonOrMultipart'; readonly required: boolean }",
    "  readonly answer: 'model' | 'modelOrNothing' | 'byStatus' | 'nothing' | 'file' | 'fileOrNothing'",
    '  run(client: Client, params: object): TaskEither<CvatError, unknown>',
    '}',
    '',
    jsdoc(['Lists every operation of CVAT 2.26–2.73 by its function name.'], "const op = registry['tasksList'] // op?.id === 'tasks_list'"),
    'export const registry: Readonly<Record<string, RegisteredOperation>> = {',
    ...ops.map(entry),
    '}',
    '',
  ].join('\n')
}
