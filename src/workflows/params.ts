/**
 * The params of the export and import workflows, read once from whatever a caller passed: each
 * reader gives the value or the reason it cannot be used (a `RequestError`, nothing sent).
 */
import * as E from '../http/either'
import { describeValue } from '../endpoint/input'
import { isPositiveInt } from '../endpoint/bounded'
import { isWellFormed } from '../http/request'
import { type Source, readFile } from './files'
import { type Org, readOrg } from './run'

const field = (params: object, name: string): unknown => Reflect.get(params, name)

/** Reads a workflow's params: its organisation context and what `read` takes from them. */
export const readInput = <T>(params: unknown, read: (p: object) => E.Either<string, T>): E.Either<string, { readonly org: Org; readonly value: T }> => {
  if (typeof params !== 'object' || params === null) return E.left(`params must be an object, got ${describeValue(params)}`)
  const org = readOrg(params)
  if (E.isLeft(org)) return org
  const value = read(params)
  return E.isLeft(value) ? value : E.right({ org: org.right, value: value.right })
}

/** A positive integer id. */
export const readId = (params: object, name = 'id'): E.Either<string, number> => {
  const v = field(params, name)
  return isPositiveInt(v) ? E.right(v) : E.left(`${name} must be a positive integer, got ${describeValue(v)}`)
}

/** A non-empty, well-formed string (a format's name). */
export const readText = (params: object, name: string): E.Either<string, string> => {
  const v = field(params, name)
  return typeof v === 'string' && v !== '' && isWellFormed(v) && v.length <= 1024 ? E.right(v) : E.left(`${name} must be a non-empty string, got ${describeValue(v)}`)
}

/** An optional boolean. */
export const readFlag = (params: object, name: string): E.Either<string, boolean | undefined> => {
  const v = field(params, name)
  return v == null ? E.right(undefined) : typeof v === 'boolean' ? E.right(v) : E.left(`${name} must be a boolean, got ${describeValue(v)}`)
}

/** The file to upload. */
export const readUpload = (params: object, name = 'file'): E.Either<string, Source> => {
  const r = readFile(field(params, name))
  return E.isLeft(r) ? E.left(`${name} ${r.left}`) : r
}

/** Collects readers' results: every value, or the first reason. */
export const all = <T extends ReadonlyArray<E.Either<string, unknown>>>(...rs: T): E.Either<string, { [K in keyof T]: T[K] extends E.Either<string, infer A> ? A : never }> => {
  const out: unknown[] = []
  for (const r of rs) {
    if (E.isLeft(r)) return r
    out.push(r.right)
  }
  return E.right(out as { [K in keyof T]: T[K] extends E.Either<string, infer A> ? A : never })
}
