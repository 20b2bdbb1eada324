// One module per operation (src/generated/<tag>/<function>.ts): its params type, its descriptor
// (data for the interpreter, src/endpoint/operation.ts) and the typed function that runs it, with
// the JSDoc a person would write: the HTTP line and a sentence, the servers that have it, what it
// resolves to, and an example that compiles.
import { type Imports, decoderOf, imports, modelImports, quote, typeOf } from './codecs'
import { HEADER, exampleOf, jsdoc, paragraph, safe } from './docs'
import type { Note } from './notes'
import type { Answer, Op, OpParam } from './operations'
import { serversOf } from './releases'
import type { Schema } from './schema'
import type { Shape } from './shape'

export interface OpContext {
  readonly components: Readonly<Record<string, Schema>>
  readonly enumNames: ReadonlyMap<string, string>
  readonly resolve: (name: string) => Shape
  /** The secret fields reachable from a component (its own and its models'). */
  readonly secretsOf: (component: string) => ReadonlyArray<string>
  readonly notes: Readonly<Record<string, Note>>
}

const pascal = (fn: string): string => fn[0]!.toUpperCase() + fn.slice(1)

// The answer's reader (descriptor) and the type the function resolves to.
const answerOf = (a: Answer, im: Imports, ctx: OpContext, readers: Set<string>): { reader: string; type: string } => {
  const codec = (x: { shape: Shape; name: string }) => ({ value: decoderOf(x.shape, im), type: typeOf(x.shape, im, ctx.enumNames, true) })
  switch (a.kind) {
    case 'model':
    case 'modelOrNothing': {
      const c = codec(a)
      readers.add(a.kind)
      return { reader: `/*#__PURE__*/ ${a.kind}(${quote(a.name)}, ${c.value})`, type: a.kind === 'model' ? c.type : `${c.type} | undefined` }
    }
    case 'byStatus': {
      const [accepted, otherwise] = [codec(a.accepted), codec(a.otherwise)]
      readers.add('model').add('byStatus')
      return {
        reader: `/*#__PURE__*/ byStatus(202, /*#__PURE__*/ model(${quote(a.accepted.name)}, ${accepted.value}), /*#__PURE__*/ model(${quote(a.otherwise.name)}, ${otherwise.value}))`,
        type: `${otherwise.type} | ${accepted.type}`,
      }
    }
    case 'nothing':
      readers.add('nothing')
      return { reader: 'nothing', type: 'void' }
    case 'file':
    case 'fileOrNothing':
      readers.add(a.kind)
      return { reader: a.kind, type: a.kind === 'file' ? 'Download' : 'Download | undefined' }
  }
}

const answerNote = (a: Answer): string | undefined =>
  a.kind === 'modelOrNothing'
    ? 'Resolves to `undefined` when CVAT answers without a body.'
    : a.kind === 'file'
      ? 'Resolves to a `Download`: the body streams, unread by the library (read it, or cancel it).'
      : a.kind === 'fileOrNothing'
        ? 'Resolves to a `Download` when the file is ready (200), `undefined` while CVAT prepares it (201, 202): call again.'
        : a.kind === 'byStatus'
          ? `Resolves to the \`${a.accepted.name}\` of a background request (202), else the \`${a.otherwise.name}\`.`
          : undefined

const paramDoc = (p: OpParam): string | undefined => {
  const text = paragraph(p.description, 200)
  const since = p.span ? (p.span.toEnd ? `CVAT ≥ ${p.span.first}` : `CVAT ${p.span.first}–${p.span.last} only`) : undefined
  const both = [text, since ? `(${since})` : undefined].filter(Boolean).join(' ')
  return both === '' ? undefined : safe(both)
}

const exampleArg = (p: OpParam, ctx: OpContext): string =>
  p.in === 'path' ? (p.shape.k === 'int' ? '1' : p.wire === 'key' ? 'key' : quote(p.wire === 'uuid' ? '2f4e0d0c-8d5b-4c9a-9a53-0c6e1d3b7a11' : 'text')) : exampleOf(p.shape, ctx.components, ctx.resolve)

/** The module of one operation. */
export const opModule = (op: Op, ctx: OpContext): { readonly path: string; readonly text: string; readonly paramsType?: string } => {
  const im = imports()
  const readers = new Set<string>()
  const Fn = pascal(op.fn)
  const own = [...op.params.filter((p) => p.in === 'path'), ...op.params.filter((p) => p.in !== 'path')].filter((p) => !(op.paginated && (p.wire === 'page' || p.wire === 'page_size')))
  const members: string[] = own.map((p) => {
    const doc = paramDoc(p)
    return `${doc ? `  /** ${doc} */\n` : ''}  readonly ${p.name}${p.required ? '' : '?'}: ${typeOf(p.shape, im, ctx.enumNames)}`
  })
  if (op.body) members.push(`  readonly ${op.body.name}${op.body.required ? '' : '?'}: ${typeOf(op.body.shape, im, ctx.enumNames)}`)
  const parts = [...(op.org ? ['OrgParams'] : []), ...(op.paginated ? ['PageParams'] : []), ...(members.length ? [`{\n${members.join('\n')}\n}`] : [])]
  const hasParams = parts.length > 0
  const required = own.some((p) => p.required) || op.body?.required === true
  const { reader, type } = answerOf(op.answer, im, ctx, readers)
  const body = op.body && `/*#__PURE__*/ ${op.body.encoding}(${quote(op.body.name)}, ${decoderOf(op.body.shape, im)}${op.body.required ? '' : ', true'})`
  const secrets = [...new Set([...(op.body?.component ? ctx.secretsOf(op.body.component) : []), ...answerComponents(op.answer).flatMap((c) => ctx.secretsOf(c))])]
  const query = op.params.filter((p) => p.in === 'query').map((p) => p.wire)
  const headers = op.params.filter((p) => p.in === 'header').map((p) => p.wire)
  const text = op.params.filter((p) => p.in === 'path' && p.shape.k === 'string').map((p) => p.wire)
  const list = (xs: ReadonlyArray<string>) => `[${xs.map((x) => `'${x}'`).join(', ')}]`
  // What only some operations have is a value from endpoint/parts, imported only where used.
  const paged = query.includes('page') || query.includes('page_size')
  const partNames = [...(text.length ? ['texts'] : []), ...(op.org ? ['orgContext'] : []), ...(query.length ? [paged ? 'pagedQuery' : 'query'] : []), ...(headers.length ? ['headerParams'] : [])]
  const descriptor = [
    `  method: '${op.method}',`,
    `  path: '${op.path}',`,
    ...(text.length ? [`  text: /*#__PURE__*/ texts(${list(text)}),`] : []),
    ...(op.org ? ['  org: orgContext,'] : []),
    ...(query.length ? [`  query: /*#__PURE__*/ ${paged ? 'pagedQuery' : 'query'}(${list(query)}),`] : []),
    ...(headers.length ? [`  headers: /*#__PURE__*/ headerParams(${list(headers)}),`] : []),
    ...(body ? [`  body: ${body},`] : []),
    `  answer: ${reader},`,
    ...(secrets.length ? [`  secrets: ${list(secrets)},`] : []),
  ]
  const args = [
    ...op.params.filter((p) => p.required).map((p) => `${p.name}: ${exampleArg(p, ctx)}`),
    ...(op.body?.required ? [`${op.body.name}: ${exampleOf(op.body.shape, ctx.components, ctx.resolve)}`] : []),
    ...(op.org ? ["org: 'my-org'"] : []),
  ]
  const note = ctx.notes[op.id]
  const call = note?.example ?? `${op.fn}(cvat${hasParams ? (args.length ? `, { ${args.join(', ')} }` : required ? ', {}' : '') : ''})`
  const description = paragraph(op.description, 300)
  const docs = [
    safe(`${op.method} ${op.path} — ${op.sentence}`),
    `Servers: ${serversOf(op.span)}.`,
    ...(note ? [safe(note.text)] : []),
    ...(answerNote(op.answer) ? [answerNote(op.answer)!] : []),
    ...(description && description !== op.sentence && !/^(Method|This method)/.test(description) ? [safe(description.replace(/</g, '‹').replace(/>/g, '›'))] : []),
  ]
  const signature = hasParams ? `client: Client, params: ${Fn}Params${required ? '' : ' = {}'}` : 'client: Client'
  const lines = [
    HEADER,
    "import type { TaskEither } from 'fp-ts/TaskEither'",
    "import type { Client } from '../../http/client'",
    "import type { CvatError } from '../../errors'",
    "import { call, type Operation } from '../../endpoint/operation'",
    `import { ${[...readers].sort().join(', ')} } from '../../endpoint/answer'`,
    ...(op.body ? [`import { ${op.body.encoding} } from '../../endpoint/body'`] : []),
    ...(partNames.length ? [`import { ${partNames.sort().join(', ')} } from '../../endpoint/parts'`] : []),
    ...(op.answer.kind === 'file' || op.answer.kind === 'fileOrNothing' ? ["import type { Download } from '../../endpoint/download'"] : []),
    ...(op.org || op.paginated ? [`import type { ${[...(op.org ? ['OrgParams'] : []), ...(op.paginated ? ['PageParams'] : [])].join(', ')} } from '../../endpoint/params'`] : []),
    ...(im.primitives.size ? [`import { ${[...im.primitives].sort((a, b) => a.replace('type ', '').localeCompare(b.replace('type ', ''))).join(', ')} } from '../../codecs/primitives'`] : []),
    ...(im.decoder ? ["import * as D from '../../codecs/decoder'"] : []),
    ...(im.ids.size ? [`import type { ${[...im.ids].sort().join(', ')} } from '../../codecs/ids'`] : []),
    ...modelImports(im, '../models'),
    '',
    ...(hasParams
      ? [jsdoc([`Parameters of \`${op.fn}\`.`], `const p: ${Fn}Params = ${args.length ? `{ ${args.join(', ')} }` : '{}'}`), `export type ${Fn}Params = ${parts.join(' & ')}`, '']
      : []),
    `const ${op.fn}Operation: Operation<${type}> = {`,
    ...descriptor,
    '}',
    '',
    jsdoc(docs, call),
    `export const ${op.fn} = (${signature}): TaskEither<CvatError, ${type}> => call(${op.fn}Operation, client${hasParams ? ', params' : ''})`,
    '',
  ]
  return { path: `${op.tag}/${op.fn}.ts`, text: lines.join('\n'), ...(hasParams ? { paramsType: `${Fn}Params` } : {}) }
}

const answerComponents = (a: Answer): ReadonlyArray<string> =>
  a.kind === 'model' || a.kind === 'modelOrNothing'
    ? a.shape.k === 'ref' ? [a.shape.name] : []
    : a.kind === 'byStatus'
      ? [a.accepted.shape, a.otherwise.shape].flatMap((s) => (s.k === 'ref' ? [s.name] : []))
      : []
