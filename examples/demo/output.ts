/** How the demo talks: one line a step, on stdout. */
import * as TE from 'fp-ts/TaskEither'
import type { CvatError } from 'cvat-fp'

/** Prints one line. */
export const say = (line: string): void => console.log(line)

/** Prints one line as a step of a pipeline. */
export const step = (line: string) => TE.fromIO<void, CvatError>(() => say(line))

/** A size in bytes as people read it. */
export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`
