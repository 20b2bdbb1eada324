/**
 * A typed builder for CVAT's JSON Logic `filter` query parameter. It offers exactly what CVAT's
 * `JsonLogicFilter` (cvat/apps/engine/filters.py) implements: `and`, `or`, `!`, `==`, `<`, `<=`,
 * `>`, `>=`, the three-argument `<=` (between) and both forms of `in` (a field among values, a
 * text inside a field). CVAT has no `!=` (write `not(eq(…))`), and its bare `{"var": …}` skips the
 * field's lookup mapping (`accepted` → `membership__is_active`), which makes the server fail,
 * so neither is offered. A rule carries its resource as a phantom type: a field of another list,
 * an unknown field or an operator the field's type does not support is a compile error.
 */

/**
 * Names one filterable field of one list endpoint and the type of its values.
 *
 * @example
 * const accepted: FilterField<'invitations', boolean> = { resource: 'invitations', name: 'accepted' }
 */
export interface FilterField<R extends string, V> {
  readonly resource: R
  readonly name: string
  /** Phantom: the type of the field's values (never set). */
  readonly _value?: (v: V) => V
}

/**
 * Holds one JSON Logic rule over the filterable fields of resource `R`.
 *
 * @example
 * const pending: Filter<'invitations'> = eq(invitationFields.accepted, false)
 */
export interface Filter<R extends string> {
  readonly _tag: 'Filter'
  /** The JSON Logic term the rule compiles to. */
  readonly term: { readonly [op: string]: unknown }
  /** Phantom: the list this rule belongs to (invariant, so rules of two lists never mix). */
  readonly _resource?: (r: R) => R
}

const rule = <R extends string>(term: Filter<R>['term']): Filter<R> => ({ _tag: 'Filter', term })

// Untyped callers may pass anything as a field or a rule. What cannot be read stands in the term
// as UNREADABLE, which `filterString` refuses to render: the builders themselves never fail.
const UNREADABLE: Filter<string>['term'] = /*#__PURE__*/ Object.freeze({ unreadable: true })

const read = <A>(get: () => unknown, is: (u: unknown) => u is A): A | typeof UNREADABLE => {
  try {
    const u = get()
    return is(u) ? u : UNREADABLE
  } catch {
    return UNREADABLE
  }
}
const isString = (u: unknown): u is string => typeof u === 'string'
const isTerm = (u: unknown): u is Filter<string>['term'] => typeof u === 'object' && u !== null && !Array.isArray(u)

const v = (f: { readonly name: string }): Filter<string>['term'] => {
  const name = read(() => f.name, isString)
  return name === UNREADABLE ? name : { var: name }
}
const termOf = <R extends string>(r: Filter<R>): Filter<R>['term'] => read(() => r.term, isTerm)
// Rest arguments of an untyped caller are still an array; its elements are read one by one.
const termsOf = <R extends string>(rules: ReadonlyArray<Filter<R>>): ReadonlyArray<Filter<R>['term']> => rules.map(termOf)

/**
 * Builds `field == value`.
 *
 * @example
 * eq(invitationFields.accepted, false) // {"==":[{"var":"accepted"},false]}
 */
export const eq = <R extends string, V>(field: FilterField<R, V>, value: NoInfer<V>): Filter<R> =>
  rule({ '==': [v(field), value] })

/**
 * Builds `field < value` (numbers and text only).
 *
 * @example
 * lt(userFields.id, 100)
 */
export const lt = <R extends string, V extends number | string>(field: FilterField<R, V>, value: NoInfer<V>): Filter<R> =>
  rule({ '<': [v(field), value] })

/**
 * Builds `field <= value` (numbers and text only).
 *
 * @example
 * lte(userFields.id, 100)
 */
export const lte = <R extends string, V extends number | string>(field: FilterField<R, V>, value: NoInfer<V>): Filter<R> =>
  rule({ '<=': [v(field), value] })

/**
 * Builds `field > value` (numbers and text only).
 *
 * @example
 * gt(membershipFields.id, 10)
 */
export const gt = <R extends string, V extends number | string>(field: FilterField<R, V>, value: NoInfer<V>): Filter<R> =>
  rule({ '>': [v(field), value] })

/**
 * Builds `field >= value` (numbers and text only).
 *
 * @example
 * gte(organizationFields.id, 2)
 */
export const gte = <R extends string, V extends number | string>(field: FilterField<R, V>, value: NoInfer<V>): Filter<R> =>
  rule({ '>=': [v(field), value] })

/**
 * Builds `low <= field <= high`, CVAT's three-argument `<=` (numbers and text only).
 *
 * @example
 * between(userFields.id, 10, 20) // {"<=":[10,{"var":"id"},20]}
 */
export const between = <R extends string, V extends number | string>(
  field: FilterField<R, V>,
  low: NoInfer<V>,
  high: NoInfer<V>,
): Filter<R> => rule({ '<=': [low, v(field), high] })

/**
 * Builds `field in values`: the field equals one of the values.
 *
 * @example
 * oneOf(membershipFields.role, ['worker', 'supervisor'])
 */
export const oneOf = <R extends string, V>(field: FilterField<R, V>, values: ReadonlyArray<NoInfer<V>>): Filter<R> =>
  rule({ in: [v(field), values] })

/**
 * Builds `text in field`: the text field contains the text (CVAT's `__contains`, case-sensitive).
 *
 * @example
 * contains(userFields.username, 'ann')
 */
export const contains = <R extends string>(field: FilterField<R, string>, text: string): Filter<R> =>
  rule({ in: [text, v(field)] })

/**
 * Builds the conjunction of one or more rules of the same list.
 *
 * @example
 * and(eq(invitationFields.accepted, false), eq(invitationFields.owner, 'olga'))
 */
export const and = <R extends string>(first: Filter<R>, ...rest: ReadonlyArray<Filter<R>>): Filter<R> =>
  rule({ and: termsOf([first, ...rest]) })

/**
 * Builds the disjunction of one or more rules of the same list.
 *
 * @example
 * or(eq(membershipFields.role, 'owner'), eq(membershipFields.role, 'maintainer'))
 */
export const or = <R extends string>(first: Filter<R>, ...rest: ReadonlyArray<Filter<R>>): Filter<R> =>
  rule({ or: termsOf([first, ...rest]) })

/**
 * Negates a rule (CVAT's `!`, which takes the rule itself, not a list).
 *
 * @example
 * not(eq(userFields.is_active, true))
 */
export const not = <R extends string>(r: Filter<R>): Filter<R> => rule({ '!': termOf(r) })

// Not JSON, so CVAT refuses it (`filter: Json syntax should be used`, 400) rather than reading
// a rule other than the one written.
const UNRENDERABLE = 'unrenderable filter: it holds a value JSON cannot represent'

/**
 * Renders a rule as the string the list endpoints' `filter` parameter takes; a rule holding what JSON cannot represent as it is (undefined, NaN, a BigInt, a cycle, an unreadable value) renders as a non-JSON text CVAT refuses with a 400, never as another rule.
 *
 * @example
 * invitationsList(cvat, { org: 'acme', filter: filterString(eq(invitationFields.accepted, false)) })
 */
export const filterString = <R extends string>(r: Filter<R>): string => {
  let faithful = true
  // JSON drops or nulls what it cannot carry (undefined, a function, a symbol, NaN): any of them,
  // or an unreadable part, would change the rule's meaning, so the rule is not rendered at all.
  const check = (_key: string, value: unknown): unknown => {
    if (value === UNREADABLE || value === undefined || typeof value === 'function' || typeof value === 'symbol' || (typeof value === 'number' && !Number.isFinite(value))) faithful = false
    return value
  }
  try {
    const text = JSON.stringify(termOf(r), check)
    return faithful ? text : UNRENDERABLE
  } catch {
    // A BigInt, a cycle, a throwing getter or a Proxy.
    return UNRENDERABLE
  }
}
