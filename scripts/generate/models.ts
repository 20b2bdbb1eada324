// One module per component (src/generated/models/<Component>.ts): a response model is a fast
// guard and an explaining decoder paired by `checked`, so a valid answer passes through whole,
// unknown fields kept; a request model is a plain decoder, so only the schema's fields are sent;
// an enum is a literal union with its guard and decoder. Every type is derived from its decoder.
import { type Imports, decoderOf, guardOf, imports, key, lit, modelImports, propertyGuard, structOf, typeOf } from './codecs'
import { HEADER, exampleOf, jsdoc, line, objectExample, paragraph, safe } from './docs'
import { optionalToo, requiredToo, unions } from './overrides'
import { type Schema, refName } from './schema'
import { type Place, type Prop, type Shape, propsOf, shapeOf } from './shape'

/** Where a component is used, for its sentence: `the answer of \`GET /api/tasks/{id}\``. */
export type Usage = ReadonlyMap<string, ReadonlyArray<string>>

const capital = (s: string): string => s[0]!.toUpperCase() + s.slice(1)

/** Whether a component is a request body (drf-spectacular's `…Request` split; `Request` itself is CVAT's background request). */
export const isRequest = (name: string): boolean => /.Request$/.test(name)

const renderImports = (im: Imports, self: string): string => {
  const lines: string[] = []
  if (im.guardType) lines.push("import type * as G from 'io-ts/Guard'")
  const prims = [...im.primitives].sort((a, b) => a.replace('type ', '').localeCompare(b.replace('type ', '')))
  if (prims.length) lines.push(`import { ${prims.join(', ')} } from '../../codecs/primitives'`)
  if (im.decoder) lines.push("import * as D from '../../codecs/decoder'")
  if (im.ids.size) lines.push(`import { ${[...im.ids].sort().join(', ')} } from '../../codecs/ids'`)
  if (im.isRecord) lines.push("import { isRecord } from '../../json'")
  return [...lines, ...modelImports(im, '.', self)].join('\n')
}

const sentence = (verb: string, name: string, usage: Usage, description: string | undefined): string => {
  const uses = usage.get(name) ?? []
  const where = uses.length === 0 ? `\`${name}\`, a part of other models` : `${uses[0]}${uses.length > 1 ? ` (and ${uses.length - 1} more)` : ''}`
  const about = paragraph(description, 300)
  return safe(`${verb} ${where}.${about && !/^\*/.test(about) ? ` ${about}` : ''}`)
}

const file = (name: string, im: Imports, body: ReadonlyArray<string>): string => `${HEADER}\n${renderImports(im, name)}\n\n${body.join('\n\n')}\n`

const enumModule = (name: string, s: Schema, usage: Usage): string => {
  const im = imports()
  im.guardType = true
  im.decoder = true
  const values = s.enum ?? []
  const union = values.map(lit).join(' | ')
  const first = lit(values.find((v) => v !== null) ?? null)
  return file(name, im, [
    `${jsdoc([sentence('Names a value of', name, usage, s.description?.startsWith('*') ? undefined : s.description)], `const value: ${name} = ${first}`)}\nexport type ${name} = ${union}`,
    `// Every entry is a ${name} (\`satisfies\`), yet the list is typed so that \`includes\` takes any value.\nconst VALUES: ReadonlyArray<unknown> = [${values.map(lit).join(', ')}] satisfies ReadonlyArray<${name}>`,
    `${line(`Checks one \`${name}\` (the fast half of \`${name}\`).`)}\nexport const ${name}Guard: G.Guard<unknown, ${name}> = { is: (u: unknown): u is ${name} => VALUES.includes(u) }`,
    `${jsdoc([`Decodes a \`${name}\`: ${safe(values.map((v) => `\`${JSON.stringify(v)}\``).join(', '))}. The message is written only on failure (a top-level \`VALUES.map\` would be a call no bundler may drop).`], `${name}.decode(${first})`)}\nexport const ${name}: D.Decoder<unknown, ${name}> = {\n  decode: (u) => (${name}Guard.is(u) ? D.success(u) : D.failure(u, VALUES.map((v) => JSON.stringify(v)).join(' | '))),\n}`,
  ])
}

// A response model: guard, explaining decoder, the checked pair, the type.
const responseParts = (name: string, im: Imports, guard: string, decoder: string, type: string, docs: { codec: string; type: string; typeExample: string }, decoderType?: string): ReadonlyArray<string> => {
  im.guardType = true
  im.primitives.add('checked')
  return [
    `${line(`Checks one \`${name}\` (the fast half of \`${name}\`).`)}\nexport const ${name}Guard: G.Guard<unknown, ${name}> = {\n  is: (u: unknown): u is ${name} =>\n    ${guard},\n}`,
    `${line(`Decodes one \`${name}\` strictly (the explaining half of \`${name}\`).`)}\nexport const ${name}Decoder${decoderType ? `: ${decoderType}` : ''} = ${decoder}`,
    `${jsdoc([docs.codec], `${name}.decode(json)`)}\nexport const ${name}: D.Decoder<unknown, ${name}> = /*#__PURE__*/ checked(${name}Guard, ${name}Decoder)`,
    `${jsdoc([docs.type], docs.typeExample)}\n${type}`,
  ]
}

const pick = (name: string, props: ReadonlyArray<Prop>): string => {
  const first = props.find((p) => p.required) ?? props[0]
  return first ? `const pick = (x: ${name}) => x.${first.name}` : `const keep = (x: ${name}): ${name} => x`
}

export interface ModelContext {
  readonly components: Readonly<Record<string, Schema>>
  readonly usage: Usage
  readonly resolve: (name: string) => Shape
}

/** Whether a component is one page of a list of another (count, next, previous, results). */
export const pageItem = (s: Schema): string | undefined => {
  const keys = Object.keys(s.properties ?? {}).sort().join()
  const items = s.properties?.['results']?.items
  return keys === 'count,next,previous,results' && items && refName(items) && (s.required ?? []).join() === 'count,results' ? refName(items) : undefined
}

/** The module of one component. */
export const modelModule = (name: string, s: Schema, ctx: ModelContext): string => {
  if (s.enum) return enumModule(name, s, ctx.usage)
  const request = isRequest(name)
  const place: Place = { request, owner: name, components: ctx.components }
  const im = imports()
  im.decoder = true
  const codecDoc = sentence('Decodes', name, ctx.usage, s.description)
  const typeDoc = sentence('Types', name, ctx.usage, undefined)
  const union = unions[name]
  if (union && 'decidedBy' in union) {
    const members = (s.anyOf ?? s.oneOf ?? []).map((m) => refName(m)!)
    im.models.set(union.decidedBy, new Set([`${union.decidedBy}Guard`, `${union.decidedBy}Decoder`]))
    for (const m of members) im.models.set(m, new Set([...(im.models.get(m) ?? []), `type ${m}`]))
    const parts = responseParts(
      name,
      im,
      `${union.decidedBy}Guard.is(u)`,
      `${union.decidedBy}Decoder`,
      `export type ${name} = ${members.join(' | ')}`,
      { codec: `${codecDoc} ${safe(capital(union.reason))}.`, type: typeDoc, typeExample: `const keep = (x: ${name}): ${name} => x` },
      `D.Decoder<unknown, ${name}>`,
    )
    return file(name, im, [`// ${union.reason}.`, ...parts])
  }
  const item = pageItem(s)
  if (item && !request) {
    im.primitives.add('type Page').add('pageDecoder').add('isOptionalNullableString')
    im.isRecord = true
    im.models.set(item, new Set([item, `${item}Guard`]))
    const guard = `isRecord(u) &&\n    Number.isInteger(u['count']) &&\n    Array.isArray(u['results']) &&\n    u['results'].every((x: unknown) => ${item}Guard.is(x)) &&\n    isOptionalNullableString(u['next']) &&\n    isOptionalNullableString(u['previous'])`
    return file(name, im, responseParts(name, im, guard, `/*#__PURE__*/ pageDecoder(${item})`, `export interface ${name} extends Page<${item}> {}`, { codec: codecDoc, type: typeDoc, typeExample: `const items = (p: ${name}) => p.results` }, `D.Decoder<unknown, ${name}>`))
  }
  if (s.properties) {
    const props = propsOf(s, place, request ? [] : (requiredToo[name]?.fields ?? []), request ? [] : (optionalToo[name]?.fields ?? []))
    const decoder = structOf(props, im)
    im.primitives.add('type Optionals')
    const type = `export interface ${name} extends Optionals<D.TypeOf<typeof ${name}Decoder>> {}`
    if (request) {
      const example = objectExample(props, ctx.components, ctx.resolve)
      return file(name, im, [
        `const ${name}Decoder = ${decoder}`,
        `${jsdoc([`${codecDoc} Only the schema's fields are sent.`], `${name}.decode(${example})`)}\nexport const ${name}: D.Decoder<unknown, ${name}> = ${name}Decoder`,
        `${jsdoc([typeDoc], `const body: ${name} = ${example}`)}\n${type}`,
      ])
    }
    im.isRecord = true
    const guard = ['isRecord(u)', ...props.map((p) => propertyGuard(p, 'u', im))].join(' &&\n    ')
    return file(name, im, responseParts(name, im, guard, decoder, type, { codec: codecDoc, type: typeDoc, typeExample: pick(name, props) }))
  }
  // Anything else (a oneOf wrapper, a free-form object): the shape itself.
  const shape = union && 'only' in union ? ({ k: 'ref', name: union.only } as const) : shapeOf(s, place)
  const decoder = decoderOf(shape, im)
  // Written out (the decoder is not exported, so a type naming it would not document), and
  // checked against the decoder, whose declared type it is.
  const type = `export type ${name} = ${typeOf(shape, im, new Map(), true)}`
  if (request) {
    const example = exampleOf(shape, ctx.components, ctx.resolve)
    return file(name, im, [
      `const ${name}Decoder: D.Decoder<unknown, ${name}> = ${decoder}`,
      `${jsdoc([`${codecDoc} Only the schema's fields are sent.`], `${name}.decode(${example})`)}\nexport const ${name}: D.Decoder<unknown, ${name}> = ${name}Decoder`,
      `${jsdoc([typeDoc], `const body: ${name} = ${example}`)}\n${type}`,
    ])
  }
  const note = union ? `${codecDoc} ${safe(capital(union.reason))}.` : codecDoc
  return file(name, im, responseParts(name, im, guardOf(shape, 'u', im), decoder, type, { codec: note, type: typeDoc, typeExample: `const keep = (x: ${name}): ${name} => x` }, `D.Decoder<unknown, ${name}>`))
}

export { key }
