/**
 * Where an export goes and an import comes from (`location`, `cloud_storage_id`), shared by the
 * dataset, annotation and backup views.
 */
import type { AuthedEnv } from '../../env'
import { type Reply, json } from '../../http'
import type { Outcome } from '../requests/queue'

/**
 * location.py get_location_configuration and permissions.py get_cloud_storage_for_import_or_export:
 * local; or a cloud storage, which must exist (CVAT's 400 "CloudStorage matching query does not
 * exist."). The emulator reaches no bucket, so a request to a known one fails when it runs.
 */
export const location = (env: AuthedEnv): Reply | undefined => {
  const loc = env.url.searchParams.get('location')
  if (loc === null || loc === 'local') return undefined
  if (loc !== 'cloud_storage') return json(400, [`The specified location ${loc} is not supported`])
  const id = env.url.searchParams.get('cloud_storage_id')
  if (!id) return json(400, ['Cloud storage was selected as location but cloud_storage_id was not specified'])
  return env.s.engine.cloudStorages.some((c) => String(c.id) === id) ? undefined : json(400, ['CloudStorage matching query does not exist.'])
}

/** The failure of a job bound for (or from) a cloud storage: the emulator reaches no bucket. */
export const cloudFailure = (env: AuthedEnv): Outcome | undefined =>
  env.url.searchParams.get('location') === 'cloud_storage' ? { ok: false, message: `Exception: The emulator cannot reach cloud storage ${env.url.searchParams.get('cloud_storage_id')}: cloud buckets are not modelled\n` } : undefined
