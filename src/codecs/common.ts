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

/** Decodes a membership role: `worker`, `supervisor`, `maintainer` or `owner`. */
export const RoleEnum = /*#__PURE__*/ D.literal('worker', 'supervisor', 'maintainer', 'owner')
/** A membership role. */
export type RoleEnum = D.TypeOf<typeof RoleEnum>

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
