// The filterable fields of each list (src/generated/<tag>/filters.ts), read from the schema's
// `filter` parameter ("Available filter_fields: [...]"), in the style of src/filters/filter.ts:
// plain object literals, each field typed by the list's own query parameter of that name, else
// by the listed model's property, else as text (an `id` as a number).
import { type Imports, imports, modelImports, typeOf } from './codecs'
import { HEADER, jsdoc } from './docs'
import { type Op, camel } from './operations'
import { type Schema } from './schema'
import { type Shape, shapeOf } from './shape'

/**
 * The name of a list's fields and of its resource, from its path: `/api/invitations` →
 * `invitationFields` over `'invitations'`, `/api/quality/conflicts` → `qualityConflictFields`;
 * `auth` is a namespace, not a resource (`/api/auth/access_tokens` → `accessTokenFields`).
 */
export const fieldsName = (op: Op): { readonly name: string; readonly resource: string } => {
  const words = op.path.split('/').filter((w) => w !== '' && w !== 'api' && w !== 'auth' && !w.startsWith('{'))
  const resource = words.map((w, i) => (i === 0 ? camel(w) : camel(w)[0]!.toUpperCase() + camel(w).slice(1))).join('')
  const singular = /(ss|Settings)$/.test(resource) ? resource : resource.replace(/s$/, '')
  return { name: `${singular}Fields`, resource }
}

const typeOfField = (op: Op, field: string, components: Readonly<Record<string, Schema>>, im: Imports, enumNames: ReadonlyMap<string, string>): string => {
  const param = op.params.find((p) => p.wire === field && p.in === 'query')
  const unbranded = (s: Shape): Shape => (s.k === 'int' ? { k: 'int', ...(s.nullable ? { nullable: true } : {}) } : s)
  if (param) return typeOf(unbranded(param.shape), im, enumNames)
  const item = op.paginated ? components[op.paginated]?.properties?.[field] : undefined
  if (item) {
    const t = typeOf(unbranded(shapeOf(item, { request: false, owner: op.paginated!, components })), im, enumNames)
    if (['string', 'number', 'boolean'].includes(t) || /^"/.test(t) || /^[A-Z]\w*$/.test(t)) return t.replace(/ \| null$/, '')
  }
  return field === 'id' || field.endsWith('_id') ? 'number' : 'string'
}

/** The filters module of one tag, or undefined when none of its lists takes `filter`. */
export const filtersModule = (ops: ReadonlyArray<Op>, components: Readonly<Record<string, Schema>>, enumNames: ReadonlyMap<string, string>): { readonly text: string; readonly names: ReadonlyArray<string> } | undefined => {
  const lists = ops.filter((op) => op.filterFields.length > 0)
  if (lists.length === 0) return undefined
  const im = imports()
  const blocks = lists.map((op) => {
    const { name, resource } = fieldsName(op)
    const fields = op.filterFields.map((f) => [f, typeOfField(op, f, components, im, enumNames)] as const)
    const [field, type] = fields.find(([, t]) => ['string', 'number', 'boolean'].includes(t)) ?? fields[0]!
    const value = type === 'number' ? '1' : type === 'boolean' ? 'true' : type.startsWith('"') ? type.split(' | ')[0] : "'text'"
    const example = `const rule = filterString(eq(${name}.${field}, ${value}))`
    return [
      jsdoc([`Lists the filterable fields of \`${op.method} ${op.path}\` (\`${op.fn}\`'s \`filter\`): ${op.filterFields.map((f) => `\`${f}\``).join(', ')}.`], example),
      `export const ${name}: {`,
      ...fields.map(([f, t]) => `  readonly ${f}: FilterField<'${resource}', ${t}>`),
      '} = {',
      ...fields.map(([f]) => `  ${f}: { resource: '${resource}', name: '${f}' },`),
      '}',
    ].join('\n')
  })
  const text = [HEADER, "import type { FilterField } from '../../filters/filter'", ...modelImports(im, '../models'), '', blocks.join('\n\n'), ''].join('\n')
  return { text, names: lists.map((op) => fieldsName(op).name) }
}
