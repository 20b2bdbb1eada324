/** What `npm run bench` measures, shared by the measuring processes (bench.ts) and the report. */

/** What one process measured; report.ts merges these. */
export interface Samples {
  /** `size|concurrency|contender` → per round: req/s, CPU µs/req, and both as ratios to raw fetch in that round. */
  readonly requests: Record<string, { rps: number[]; cpu: number[]; rpsRatio: number[]; cpuRatio: number[] }>
  readonly parseOnly: number[]
  readonly parseDecode: number[]
  readonly wall: Record<string, number[]>
  readonly pinned: boolean
}

export const RAW = 'raw fetch + JSON.parse'
export const CASES: ReadonlyArray<[number, number, number]> = [
  [10, 1, 1500], [10, 16, 2400], [100, 1, 1000], [100, 16, 1200], [1000, 1, 100], [1000, 16, 160],
]
export const CONTENDERS = [RAW, 'raw fetch + JSON.parse, again (noise floor)', 'cvat-fp invitationsList (decoding)', 'openapi-fetch GET', 'ky get().json()'] as const
export const WALLS = ['sequential follow-next loop (Python SDK style)', 'invitationsListAll, concurrency 1', 'invitationsListAll, concurrency 4', 'invitationsListAll, concurrency 8'] as const
