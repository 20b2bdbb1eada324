/**
 * Codecs for the small models CVAT shares between resources. Every top-level call is marked
 * pure so a bundler drops the codecs an import does not use.
 */
import { pipe } from 'fp-ts/function'
import * as D from 'io-ts/Decoder'

/** Decodes a JSON number that is an integer (OpenAPI `type: integer`). */
export const Int: D.Decoder<unknown, number> = /*#__PURE__*/ pipe(
  D.number,
  /*#__PURE__*/ D.refine((n): n is number => Number.isInteger(n), 'integer'),
)

/**
 * Names a membership role.
 *
 * @example
 * const role: RoleEnum = 'supervisor'
 */
export type RoleEnum = 'worker' | 'supervisor' | 'maintainer' | 'owner'

const ROLES: ReadonlyArray<RoleEnum> = ['worker', 'supervisor', 'maintainer', 'owner']

/**
 * Decodes a membership role: `worker`, `supervisor`, `maintainer` or `owner`. Built from a guard
 * rather than `D.literal`, whose implementation drags every io-ts guard into a bundle.
 *
 * @example
 * RoleEnum.decode('maintainer') // Right('maintainer')
 */
export const RoleEnum: D.Decoder<unknown, RoleEnum> = /*#__PURE__*/ D.fromGuard(
  { is: (u: unknown): u is RoleEnum => (ROLES as ReadonlyArray<unknown>).includes(u) },
  ROLES.map((r) => JSON.stringify(r)).join(' | '),
)

/**
 * Decodes a user as CVAT embeds it: only `username` is required.
 *
 * @example
 * BasicUser.decode({ username: 'ann' }) // Right({ username: 'ann' })
 */
export const BasicUser = /*#__PURE__*/ pipe(
  /*#__PURE__*/ D.struct({ username: D.string }),
  /*#__PURE__*/ D.intersect(
    /*#__PURE__*/ D.partial({ url: D.string, id: Int, first_name: D.string, last_name: D.string }),
  ),
)
/**
 * Types a user as CVAT embeds it in other models.
 *
 * @example
 * const who: BasicUser = { username: 'ann', first_name: 'Ann' }
 */
export type BasicUser = D.TypeOf<typeof BasicUser>

/**
 * Decodes an organisation reference: `id` and `slug`, both optional.
 *
 * @example
 * BasicOrganization.decode({ id: 1, slug: 'acme' })
 */
export const BasicOrganization = /*#__PURE__*/ D.partial({ id: Int, slug: D.string })
/**
 * Types an organisation reference.
 *
 * @example
 * const org: BasicOrganization = { slug: 'acme' }
 */
export type BasicOrganization = D.TypeOf<typeof BasicOrganization>
