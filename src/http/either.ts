/**
 * The few `Either` operations the request path uses, as plain functions. fp-ts/Either keeps
 * unannotated top-level calls (`dual(2, as(Functor))`, `tap(Chain)`…) and fp-ts/function's
 * `pipe`/`dual` in every bundle that imports it, ~0.6 kB gzipped where no codec pulls it in
 * (`createClient`, the middleware, every 204 endpoint). These build the very values fp-ts
 * builds (`{ _tag: 'Left', left }`), typed as fp-ts's own, so callers see no difference.
 */
import type { Either, Left, Right } from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'

export type { Either, Left, Right }

/**
 * Builds a failure, as `E.left` does.
 *
 * @example
 * const failed = left('no') // { _tag: 'Left', left: 'no' }
 */
export const left = <E = never, A = never>(e: E): Either<E, A> => ({ _tag: 'Left', left: e })

/**
 * Builds a success, as `E.right` does.
 *
 * @example
 * const ok = right(1) // { _tag: 'Right', right: 1 }
 */
export const right = <E = never, A = never>(a: A): Either<E, A> => ({ _tag: 'Right', right: a })

/**
 * Tells a failure from a success, as `E.isLeft` does.
 *
 * @example
 * if (isLeft(result)) console.error(result.left)
 */
export const isLeft = <E, A>(ma: Either<E, A>): ma is Left<E> => ma._tag === 'Left'

/**
 * Tells a success from a failure, as `E.isRight` does.
 *
 * @example
 * if (isRight(result)) console.log(result.right)
 */
export const isRight = <E, A>(ma: Either<E, A>): ma is Right<A> => ma._tag === 'Right'

// fp-ts's `TE.tryCatch`, minus its cost: fp-ts ships ES5, so `TE.tryCatch` runs every request
// through `__awaiter`/`__generator`, which cost 5-10% of throughput on a 10-invitation page
// (`npm run bench`, see BENCHMARKS.md).
/**
 * Runs a promise of an `Either` as a Task that never rejects: a rejection, or a throw before the
 * promise exists, becomes a `Left` (what `TE.tryCatch` does for a promise of a plain value).
 *
 * @example
 * const sent = tryCatch(() => client(req)(), () => transportError('GET', req.url, 'the client threw'))
 */
export const tryCatch =
  <E, A>(f: () => Promise<Either<E, A>>, onRejected: (e: unknown) => E): TaskEither<E, A> =>
  () => {
    try {
      return f().then(
        (a) => a,
        (e) => left(onRejected(e)),
      )
    } catch (e) {
      return Promise.resolve(left(onRejected(e)))
    }
  }
