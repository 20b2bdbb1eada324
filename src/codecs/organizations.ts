/**
 * Codecs for the organisation models of `/api/organizations`, accepting what CVAT 2.26.2 and
 * 2.73.0 answer (2.73 types `contact` as any JSON value, 2.26 as an object: any value decodes).
 * Response models are `checked` (see common.ts) and keep fields the schema does not know; request
 * models are decoded, so only the schema's fields are sent.
 */
import type * as G from 'io-ts/Guard'
import { Anything, BasicUser, BasicUserGuard, Int, OptionalString, type Optionals, type Page, checked, isOptionalString, optional, pageDecoder, pageGuard, text } from './common'
import * as D from './decoder'
import { isRecord } from '../json'

/** Checks an organisation (the fast half of `OrganizationRead`). */
export const OrganizationReadGuard: G.Guard<unknown, OrganizationRead> = {
  is: (u: unknown): u is OrganizationRead =>
    isRecord(u) &&
    (u['owner'] === null || BasicUserGuard.is(u['owner'])) &&
    Number.isInteger(u['id']) &&
    typeof u['slug'] === 'string' &&
    isOptionalString(u['name']) &&
    isOptionalString(u['description']) &&
    isOptionalString(u['created_date']) &&
    isOptionalString(u['updated_date']),
}

/** Decodes OrganizationRead strictly (the explaining half of `OrganizationRead`). */
export const OrganizationReadDecoder = /*#__PURE__*/ D.struct({
  owner: /*#__PURE__*/ D.nullable(BasicUser),
  id: Int,
  slug: D.string,
  name: OptionalString,
  description: OptionalString,
  created_date: OptionalString,
  updated_date: OptionalString,
  contact: Anything,
})

/**
 * Decodes an organisation: `owner` (a BasicUser or null), `id` and `slug` required. The schema
 * leaves `id` and `slug` optional (read-only), but every server renders them and an organisation
 * without them cannot be retrieved, changed or used as a context, as with `InvitationRead.key`.
 *
 * @example
 * OrganizationRead.decode({ id: 1, slug: 'acme', owner: null })
 */
export const OrganizationRead: D.Decoder<unknown, OrganizationRead> = /*#__PURE__*/ checked(OrganizationReadGuard, OrganizationReadDecoder)
/**
 * Types an organisation.
 *
 * @example
 * const label = (o: OrganizationRead): string => o.name ?? o.slug ?? ''
 */
export interface OrganizationRead extends Optionals<D.TypeOf<typeof OrganizationReadDecoder>> {}

/** Checks one page (the fast half of `PaginatedOrganizationReadList`). */
export const PaginatedOrganizationReadListGuard: G.Guard<unknown, PaginatedOrganizationReadList> = /*#__PURE__*/ pageGuard(OrganizationReadGuard)

/** Decodes PaginatedOrganizationReadList strictly (the explaining half of `PaginatedOrganizationReadList`). */
export const PaginatedOrganizationReadListDecoder: D.Decoder<unknown, PaginatedOrganizationReadList> = /*#__PURE__*/ pageDecoder(OrganizationRead)

/**
 * Decodes one page of `GET /api/organizations`.
 *
 * @example
 * PaginatedOrganizationReadList.decode({ count: 0, next: null, previous: null, results: [] })
 */
export const PaginatedOrganizationReadList: D.Decoder<unknown, PaginatedOrganizationReadList> = /*#__PURE__*/ checked(PaginatedOrganizationReadListGuard, PaginatedOrganizationReadListDecoder)
/**
 * Types one page of organisations with links to its neighbours.
 *
 * @example
 * const slugs = (p: PaginatedOrganizationReadList) => p.results.map((o) => o.slug)
 */
export interface PaginatedOrganizationReadList extends Page<OrganizationRead> {}

const SLUG = /^[-a-zA-Z0-9_]+$/
const Slug = /*#__PURE__*/ text({ minLength: 1, maxLength: 16, pattern: SLUG })
const Name = /*#__PURE__*/ optional(/*#__PURE__*/ text({ maxLength: 64 }))

// Each body is one literal (no shared object spread into both): a spread keeps a body's decoder
// in every bundle of this module, even one that sends no body.
const OrganizationWriteRequestDecoder = /*#__PURE__*/ D.struct({ slug: Slug, name: Name, description: OptionalString, contact: Anything })

/**
 * Decodes the body of `POST /api/organizations`: a slug (1–16 of `[-a-zA-Z0-9_]`), optional name,
 * description and contact.
 *
 * @example
 * OrganizationWriteRequest.decode({ slug: 'acme', name: 'Acme' })
 */
export const OrganizationWriteRequest: D.Decoder<unknown, OrganizationWriteRequest> = OrganizationWriteRequestDecoder
/**
 * Types the body of `POST /api/organizations`.
 *
 * @example
 * const body: OrganizationWriteRequest = { slug: 'acme' }
 */
export interface OrganizationWriteRequest extends Optionals<D.TypeOf<typeof OrganizationWriteRequestDecoder>> {}

const PatchedOrganizationWriteRequestDecoder = /*#__PURE__*/ D.struct({ slug: /*#__PURE__*/ optional(Slug), name: Name, description: OptionalString, contact: Anything })

/**
 * Decodes the body of `PATCH /api/organizations/{id}`: every field optional.
 *
 * @example
 * PatchedOrganizationWriteRequest.decode({ description: 'Our labelling team' })
 */
export const PatchedOrganizationWriteRequest: D.Decoder<unknown, PatchedOrganizationWriteRequest> = PatchedOrganizationWriteRequestDecoder
/**
 * Types the body of `PATCH /api/organizations/{id}`.
 *
 * @example
 * const patch: PatchedOrganizationWriteRequest = { name: 'Acme Labs' }
 */
export interface PatchedOrganizationWriteRequest extends Optionals<D.TypeOf<typeof PatchedOrganizationWriteRequestDecoder>> {}
