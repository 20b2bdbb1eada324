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

const ROLES = ['worker', 'supervisor', 'maintainer', 'owner'] as const

/** A membership role. */
export type RoleEnum = (typeof ROLES)[number]

/**
 * Decodes a membership role: `worker`, `supervisor`, `maintainer` or `owner`. Built from a guard
 * rather than `D.literal`, whose implementation drags every io-ts guard into a bundle.
 */
export const RoleEnum: D.Decoder<unknown, RoleEnum> = /*#__PURE__*/ D.fromGuard(
  { is: (u: unknown): u is RoleEnum => (ROLES as ReadonlyArray<unknown>).includes(u) },
  ROLES.map((r) => JSON.stringify(r)).join(' | '),
)

/** Decodes a user as CVAT embeds it: only `username` is required. */
export const BasicUser = /*#__PURE__*/ pipe(
  /*#__PURE__*/ D.struct({ username: D.string }),
  /*#__PURE__*/ D.intersect(
    /*#__PURE__*/ D.partial({ url: D.string, id: Int, first_name: D.string, last_name: D.string }),
  ),
)
/** A user as CVAT embeds it in other models. */
export type BasicUser = D.TypeOf<typeof BasicUser>

/** Decodes an organisation reference: `id` and `slug`, both optional. */
export const BasicOrganization = /*#__PURE__*/ D.partial({ id: Int, slug: D.string })
/** An organisation reference. */
export type BasicOrganization = D.TypeOf<typeof BasicOrganization>
