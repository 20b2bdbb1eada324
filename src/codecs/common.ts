/**
 * Codecs for the small models CVAT shares between resources. Every top-level call is marked
 * pure so a bundler drops the codecs an import does not use.
 *
 * Each model is written twice, as a guard and as an io-ts Decoder, and `checked` pairs them:
 * valid input (the usual case) is checked by the guard and passed through whole, unknown fields
 * included; only invalid input pays for the decoder's error tree. The guards are plain
 * predicates typed as io-ts Guards: built from `G.struct`/`G.partial`, each property check is a
 * call through a table of closures, which cost ~25 µs per 10-invitation page against a real
 * socket (`npm run bench`), six times its cost in a hot loop; a direct predicate costs a fraction
 * of that. A property test keeps each guard and its decoder in agreement, on valid and broken
 * values.
 */
import * as D from 'io-ts/Decoder'
import * as G from 'io-ts/Guard'
import { isRecord } from '../json'

/** Pairs a fast guard with the decoder that explains failures. */
export const checked = <A>(guard: G.Guard<unknown, A>, decoder: D.Decoder<unknown, A>): D.Decoder<unknown, A> => ({
  decode: (u) => (guard.is(u) ? D.success(u) : decoder.decode(u)),
})

/** Whether an optional property is absent or a string. */
export const isOptionalString = (u: unknown): boolean => u === undefined || typeof u === 'string'

/** Whether an optional property is absent or an integer. */
export const isOptionalInt = (u: unknown): boolean => u === undefined || Number.isInteger(u)

/** Decodes an optional property: absent, or valid. */
export const optional = <A>(decoder: D.Decoder<unknown, A>): D.Decoder<unknown, A | undefined> => ({
  decode: (u) => (u === undefined ? D.success(undefined) : decoder.decode(u)),
})

/** Checks a JSON number that is an integer (OpenAPI `type: integer`). */
export const IntGuard: G.Guard<unknown, number> = { is: (u: unknown): u is number => Number.isInteger(u) }

/** Decodes a JSON number that is an integer (OpenAPI `type: integer`). */
export const Int: D.Decoder<unknown, number> = /*#__PURE__*/ D.fromGuard(IntGuard, 'integer')

/**
 * Names a membership role.
 *
 * @example
 * const role: RoleEnum = 'supervisor'
 */
export type RoleEnum = 'worker' | 'supervisor' | 'maintainer' | 'owner'

const ROLES: ReadonlyArray<RoleEnum> = ['worker', 'supervisor', 'maintainer', 'owner']

/** Checks a membership role. */
export const RoleGuard: G.Guard<unknown, RoleEnum> = { is: (u: unknown): u is RoleEnum => (ROLES as ReadonlyArray<unknown>).includes(u) }

/**
 * Decodes a membership role: `worker`, `supervisor`, `maintainer` or `owner`. Built from a guard
 * rather than `D.literal`, whose implementation drags every io-ts guard into a bundle.
 *
 * @example
 * RoleEnum.decode('maintainer') // Right('maintainer')
 */
export const RoleEnum: D.Decoder<unknown, RoleEnum> = /*#__PURE__*/ D.fromGuard(RoleGuard, ROLES.map((r) => JSON.stringify(r)).join(' | '))

/** Checks a user as CVAT embeds it. */
export const BasicUserGuard: G.Guard<unknown, BasicUser> = {
  is: (u: unknown): u is BasicUser =>
    isRecord(u) &&
    typeof u['username'] === 'string' &&
    isOptionalString(u['url']) &&
    isOptionalInt(u['id']) &&
    isOptionalString(u['first_name']) &&
    isOptionalString(u['last_name']),
}

/** Decodes BasicUser strictly (the explaining half of `BasicUser`). */
export const BasicUserDecoder: D.Decoder<unknown, BasicUser> = /*#__PURE__*/ D.struct({
  username: D.string,
  url: /*#__PURE__*/ optional(D.string),
  id: /*#__PURE__*/ optional(Int),
  first_name: /*#__PURE__*/ optional(D.string),
  last_name: /*#__PURE__*/ optional(D.string),
}) as D.Decoder<unknown, BasicUser>

/**
 * Decodes a user as CVAT embeds it: only `username` is required.
 *
 * @example
 * BasicUser.decode({ username: 'ann' }) // Right({ username: 'ann' })
 */
export const BasicUser: D.Decoder<unknown, BasicUser> = /*#__PURE__*/ checked(BasicUserGuard, BasicUserDecoder)
/**
 * Types a user as CVAT embeds it in other models.
 *
 * @example
 * const who: BasicUser = { username: 'ann', first_name: 'Ann' }
 */
export interface BasicUser {
  username: string
  url?: string
  id?: number
  first_name?: string
  last_name?: string
}

/** Checks an organisation reference. */
export const BasicOrganizationGuard: G.Guard<unknown, BasicOrganization> = {
  is: (u: unknown): u is BasicOrganization => isRecord(u) && isOptionalInt(u['id']) && isOptionalString(u['slug']),
}

/** Decodes BasicOrganization strictly (the explaining half of `BasicOrganization`). */
export const BasicOrganizationDecoder: D.Decoder<unknown, BasicOrganization> = /*#__PURE__*/ D.struct({ id: /*#__PURE__*/ optional(Int), slug: /*#__PURE__*/ optional(D.string) }) as D.Decoder<unknown, BasicOrganization>

/**
 * Decodes an organisation reference: `id` and `slug`, both optional.
 *
 * @example
 * BasicOrganization.decode({ id: 1, slug: 'acme' })
 */
export const BasicOrganization: D.Decoder<unknown, BasicOrganization> = /*#__PURE__*/ checked(BasicOrganizationGuard, BasicOrganizationDecoder)
/**
 * Types an organisation reference.
 *
 * @example
 * const org: BasicOrganization = { slug: 'acme' }
 */
export interface BasicOrganization {
  id?: number
  slug?: string
}
