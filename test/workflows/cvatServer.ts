// A scripted CVAT on 127.0.0.1 that speaks the upload, background-request and export protocols
// as the real server does, in its 2.26 or 2.73 form. Written from CVAT's source, not copied:
// - upload protocol: cvat/apps/engine/mixins.py `UploadMixin` (2.26.2 cae4e8f7: `init_tus_upload`
//   builds Location from the Origin header when no X-Forwarded-Host, so no Origin → 500; 2.73.0
//   ac6e63b9: Location from `reverse_action`, Upload-Filename is the file id except for task data);
//   chunks: 409 on an offset other than the server's, 413 past Upload-Length, 204 + Upload-Offset;
//   HEAD answers 404 once the file is complete (its meta file is cleaned);
// - task data: cvat/apps/engine/views.py `TaskViewSet.upload_finished` / `append_files`;
// - exports: cvat/apps/engine/background.py (2.26: 409 "Export request is being processed",
//   result_url on the v1 `…/dataset?…&action=download`), cvat/apps/redis_handler/background.py
//   (2.73: 409 with the rq_id, result_url `…/dataset/download?rq_id=…`);
// - requests: `GET /api/requests/{id}` (RequestSerializer: status, message, progress, result_url, result_id).
import { randomUUID } from 'node:crypto'
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Version = '2.26' | '2.73'

export interface Recorded {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage['headers']
  /** Bytes of the body as received (the whole body up to 1 MiB is kept in `body`). */
  bodyBytes: number
  body?: Buffer
}

export interface RequestState {
  readonly status: 'queued' | 'started' | 'failed' | 'finished'
  readonly progress?: number | null
  readonly message?: string
}

/** A fault to inject instead of the normal answer: drop the connection, or answer this. */
export type Fault = 'drop' | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string }

export interface Options {
  readonly version?: Version
  /** States each background request goes through, one per status poll (the last repeats). */
  readonly states?: (rqId: string) => ReadonlyArray<RequestState>
  /** Called for each request before it is handled; a fault replaces the answer. `n` counts requests of that method. */
  readonly fault?: (r: Recorded, n: number) => Fault | undefined
  /** Keep uploaded bytes (default true; benchmarks count them only). */
  readonly keepBytes?: boolean
  /** The origin CVAT writes into links (default its own): another origin tests the client's refusal. */
  readonly linkOrigin?: string
  /** The exported file's bytes, streamed in 1 MiB pieces. */
  readonly exported?: (what: string) => { readonly size: number; readonly piece: (offset: number, length: number) => Uint8Array }
  /** Delay of each status answer (a slow server). */
  readonly statusDelayMs?: number
  readonly tusMaxSize?: number
  /** Finished exports name no result_url (as one saved to a cloud storage). */
  readonly withoutResultUrl?: boolean
  /** Finished restores name no result_id. */
  readonly withoutResultId?: boolean
  /** The server closes itself after this long, whatever a test forgets (default 2 minutes). */
  readonly lifetimeMs?: number
}

interface Tus {
  readonly endpoint: string
  readonly id: string
  readonly name: string
  readonly length: number
  offset: number
  readonly parts: Buffer[]
  complete: boolean
}

interface Rq {
  readonly id: string
  readonly kind: string
  readonly target: { readonly target: string; readonly id: number; readonly sub?: string; readonly format?: string }
  polls: number
  readonly resultUrl?: string
  readonly resultId?: number
}

export interface CvatServer {
  readonly url: string
  readonly requests: Recorded[]
  readonly tasks: Map<number, { spec: Record<string, unknown>; data?: Record<string, unknown>; files: Map<string, Buffer> }>
  readonly uploads: Map<string, Tus>
  readonly rqs: Map<string, Rq>
  /** Files CVAT received for an import or a restore, by the name it stored them under. */
  readonly stored: Map<string, Buffer>
  readonly close: () => Promise<void>
}

const TUS_HEADERS = { 'tus-resumable': '1.0.0', 'tus-version': '1.0.0', 'tus-extension': '', 'access-control-allow-origin': '*', 'cache-control': 'no-store' }

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/vnd.cvat+json', ...headers })
  res.end(body === undefined ? '' : JSON.stringify(body))
}

const readBody = (req: IncomingMessage, r: Recorded, keep: boolean): Promise<Buffer[]> =>
  new Promise((done, fail) => {
    const parts: Buffer[] = []
    req.on('data', (c: Buffer) => {
      r.bodyBytes += c.length
      if (keep) parts.push(c)
    })
    req.on('end', () => {
      if (r.bodyBytes <= 2 ** 20 && keep) r.body = Buffer.concat(parts)
      done(parts)
    })
    req.on('error', fail)
  })

const metadata = (header: string | undefined): Record<string, string> =>
  Object.fromEntries((header ?? '').split(',').filter(Boolean).map((kv) => { const [k = '', v] = kv.split(' '); return [k, v === undefined ? '' : Buffer.from(v, 'base64').toString('utf8')] }))

export const cvatServer = async (options: Options = {}): Promise<CvatServer> => {
  const version = options.version ?? '2.73'
  const keep = options.keepBytes ?? true
  const requests: Recorded[] = []
  const tasks: CvatServer['tasks'] = new Map()
  const uploads = new Map<string, Tus>()
  const rqs = new Map<string, Rq>()
  const stored = new Map<string, Buffer>()
  const counts = new Map<string, number>()
  let nextId = 1
  let base = ''

  const rqIdOf = (action: string, target: string, id: number | string, sub?: string, format?: string) =>
    version === '2.26'
      ? `${action}:${target}-${id}${sub ? `-${sub}` : ''}${format ? `-in-${format.replace(/ /g, '_')}-format` : ''}${action === 'export' ? '-by-1' : ''}`
      : `action=${action}&target=${target}&target_id=${id}${sub ? `&subresource=${sub}` : ''}${format ? `&format=${encodeURIComponent(format)}` : ''}${action === 'export' ? '&user_id=1' : ''}`

  const stateOf = (rq: Rq): RequestState => {
    const states = options.states?.(rq.id) ?? [{ status: 'queued' }, { status: 'started', progress: 0.5 }, { status: 'finished', progress: 1 }]
    return states[Math.min(rq.polls, states.length - 1)] ?? { status: 'finished' }
  }
  const view = (rq: Rq) => {
    const s = stateOf(rq)
    return {
      id: rq.id,
      status: s.status,
      message: s.message ?? '',
      progress: s.progress ?? null,
      operation: { type: `${rq.kind}:${rq.target.target}`, target: rq.target.target, task_id: rq.target.target === 'task' ? rq.target.id : null, format: rq.target.format ?? null },
      created_date: '2026-08-12T00:00:00Z',
      owner: { id: 1, username: 'admin' },
      ...(s.status === 'finished' ? { result_url: rq.resultUrl ?? null, result_id: rq.resultId ?? null } : {}),
    }
  }
  // A task or project as CVAT renders it (TaskReadSerializer / ProjectReadSerializer): summaries, not the spec's lists.
  const taskView = (id: number, name: unknown, files: number, org: number | null, host: string) => ({
    url: `http://${host}/api/tasks/${id}`,
    id,
    name,
    project_id: null,
    status: 'annotation',
    size: files,
    organization: org,
    jobs: { count: files > 0 ? 1 : 0, completed: 0, validation: 0, url: `http://${host}/api/jobs?task_id=${id}` },
    labels: { url: `http://${host}/api/labels?task_id=${id}` },
  })
  const projectView = (id: number, host: string) => ({ url: `http://${host}/api/projects/${id}`, id, name: `project ${id}`, tasks: { count: 0, url: `http://${host}/api/tasks?project_id=${id}` }, labels: { url: `http://${host}/api/labels?project_id=${id}` } })
  const enqueue = (rq: Omit<Rq, 'polls'>) => {
    const made = { ...rq, polls: 0 }
    rqs.set(rq.id, made)
    return made
  }

  // The TUS endpoints of one upload endpoint (`/api/tasks/5/data/`, `/api/tasks/backup/`, …).
  const tusCreate = (req: IncomingMessage, res: ServerResponse, endpoint: string, dataUpload: boolean, host: string) => {
    const length = Number(req.headers['upload-length'])
    if (length > (options.tusMaxSize ?? 26_843_545_600)) return json(res, 413, `File size exceeds max limit of ${options.tusMaxSize} bytes`, TUS_HEADERS)
    const meta = metadata(req.headers['upload-metadata'] as string | undefined)
    const name = meta['filename'] ?? ''
    if (dataUpload && name === '') return json(res, 400, "Metadata is expected to contain 'filename' key", TUS_HEADERS)
    let id: string
    let location: string
    let filename: string
    if (version === '2.26') {
      const origin = req.headers.origin
      // `request.META.get('HTTP_ORIGIN') + PATH_INFO`: None + str raises, Django answers 500.
      if (origin === undefined) return json(res, 500, 'TypeError: unsupported operand type(s) for +', {})
      id = randomUUID()
      filename = endpoint.endsWith('/backup/') ? `cvat-backup-${name}-by-admin${id.slice(0, 8)}.zip` : name
      location = (options.linkOrigin ?? origin) + endpoint + id
    } else {
      id = `1_${randomUUID()}`
      filename = dataUpload ? name : id
      location = (options.linkOrigin ?? `http://${host}`) + endpoint + id
    }
    uploads.set(id, { endpoint, id, name: filename, length, offset: 0, parts: [], complete: false })
    res.writeHead(201, { ...TUS_HEADERS, location, 'upload-filename': filename })
    res.end()
  }

  const tusChunk = async (req: IncomingMessage, res: ServerResponse, r: Recorded, id: string) => {
    const tus = uploads.get(id)
    if (tus === undefined || tus.complete) {
      await readBody(req, r, false)
      return json(res, 404, undefined, TUS_HEADERS)
    }
    if (req.method === 'HEAD') {
      res.writeHead(200, { ...TUS_HEADERS, 'upload-offset': String(tus.offset), 'upload-length': String(tus.length) })
      return res.end()
    }
    const offset = Number(req.headers['upload-offset'] ?? 0)
    const size = Number(req.headers['content-length'])
    if (offset !== tus.offset) {
      await readBody(req, r, false)
      return json(res, 409, undefined, TUS_HEADERS)
    }
    if (offset + size > tus.length) {
      await readBody(req, r, false)
      return json(res, 413, undefined, TUS_HEADERS)
    }
    const parts = await readBody(req, r, keep)
    tus.parts.push(...parts)
    tus.offset += r.bodyBytes
    if (tus.offset === tus.length) {
      tus.complete = true
      const whole = Buffer.concat(tus.parts)
      const task = /^\/api\/tasks\/(\d+)\/data\/$/.exec(tus.endpoint)
      if (task) tasks.get(Number(task[1]))?.files.set(tus.name, whole)
      else stored.set(tus.name, whole)
    }
    res.writeHead(204, { ...TUS_HEADERS, 'upload-offset': String(tus.offset), ...(version === '2.26' ? { 'upload-filename': tus.name } : {}) })
    res.end()
  }

  const finishImport = (res: ServerResponse, endpoint: string, q: URLSearchParams) => {
    const filename = q.get('filename') ?? ''
    if (!stored.has(filename)) return json(res, 400, 'No such file were uploaded')
    const m = /^\/api\/(tasks|jobs|projects)\/(\d+)\/(annotations|dataset)\/$/.exec(endpoint)
    if (m) {
      const target = m[1]!.slice(0, -1)
      const rq = enqueue({ id: rqIdOf('import', target, Number(m[2]), m[3]), kind: 'import', target: { target, id: Number(m[2]), sub: m[3]!, format: q.get('format') ?? '' } })
      return json(res, 202, { rq_id: rq.id })
    }
    const target = endpoint.includes('/projects/') ? 'project' : 'task'
    const made = nextId++
    tasks.set(made, { spec: { name: `restored from ${filename}` }, files: new Map() })
    const rq = enqueue({ id: rqIdOf('import', target, version === '2.26' ? randomUUID() : made, 'backup'), kind: 'import', target: { target, id: made, sub: 'backup' }, ...(options.withoutResultId ? {} : { resultId: made }) })
    return json(res, 202, { rq_id: rq.id })
  }

  const upload = async (req: IncomingMessage, res: ServerResponse, r: Recorded, endpoint: string, q: URLSearchParams, host: string) => {
    const h = req.headers
    const task = /^\/api\/tasks\/(\d+)\/data\/$/.exec(endpoint)
    if (h['upload-finish'] !== undefined) {
      const body = Buffer.concat(await readBody(req, r, true)).toString('utf8')
      if (!task) return finishImport(res, endpoint, q)
      const t = tasks.get(Number(task[1]))
      if (t === undefined) return json(res, 404, { detail: 'Not found.' })
      t.data = body === '' ? {} : (JSON.parse(body) as Record<string, unknown>)
      const rq = enqueue({ id: rqIdOf('create', 'task', Number(task[1])), kind: 'create', target: { target: 'task', id: Number(task[1]) } })
      return json(res, 202, { rq_id: rq.id })
    }
    if (h['upload-start'] !== undefined) return (await readBody(req, r, true), json(res, 202, undefined))
    if (h['upload-length'] !== undefined) return (await readBody(req, r, true), tusCreate(req, res, endpoint, task !== null, host))
    if (h['upload-multiple'] !== undefined && task) {
      const body = Buffer.concat(await readBody(req, r, true))
      const form = await new Response(body, { headers: { 'content-type': String(h['content-type']) } }).formData()
      if (form.get('image_quality') === null) return json(res, 400, { image_quality: ['This field is required.'] })
      for (const [k, v] of form.entries()) {
        if (!k.startsWith('client_files[')) continue
        const file = v as File
        const t = tasks.get(Number(task[1]))
        const before = t?.files.get(file.name) ?? Buffer.alloc(0)
        t?.files.set(file.name, Buffer.concat([before, Buffer.from(await file.arrayBuffer())]))
      }
      return json(res, 200, undefined)
    }
    if (task) {
      const body = Buffer.concat(await readBody(req, r, true)).toString('utf8')
      const t = tasks.get(Number(task[1]))
      if (t) t.data = JSON.parse(body) as Record<string, unknown>
      const rq = enqueue({ id: rqIdOf('create', 'task', Number(task[1])), kind: 'create', target: { target: 'task', id: Number(task[1]) } })
      return json(res, 202, { rq_id: rq.id })
    }
    return json(res, 400, 'Unknown upload was finished')
  }

  const startExport = (res: ServerResponse, target: string, id: number, what: 'dataset' | 'backup', q: URLSearchParams, host: string) => {
    const format = what === 'backup' ? undefined : (q.get('format') ?? '')
    const sub = what === 'backup' ? 'backup' : q.get('save_images') === 'true' ? 'dataset' : 'annotations'
    const rqId = rqIdOf('export', target, id, sub, format)
    const existing = rqs.get(rqId)
    if (existing && ['queued', 'started'].includes(stateOf(existing).status)) {
      return version === '2.26' ? json(res, 409, 'Export request is being processed') : json(res, 409, { rq_id: rqId })
    }
    const own = `http://${host}`
    const resultPath =
      version === '2.26'
        ? `/api/${target}s/${id}/${what}?${new URLSearchParams([...q.entries(), ['action', 'download']]).toString()}`
        : `/api/${target}s/${id}/${what}/download?rq_id=${encodeURIComponent(rqId)}`
    rqs.delete(rqId)
    enqueue({ id: rqId, kind: 'export', target: { target, id, sub, ...(format === undefined ? {} : { format }) }, ...(options.withoutResultUrl ? {} : { resultUrl: (options.linkOrigin ?? own) + resultPath }) })
    return json(res, 202, { rq_id: rqId })
  }

  const serveFile = (res: ServerResponse, what: string) => {
    const file = options.exported?.(what) ?? { size: 11, piece: (o: number, n: number) => new TextEncoder().encode('PK-exported').subarray(o, o + n) }
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(file.size), 'content-disposition': `attachment; filename="${what.replace(/[^a-z0-9_]/gi, '_')}.zip"` })
    let offset = 0
    const more = () => {
      while (offset < file.size) {
        const n = Math.min(2 ** 20, file.size - offset)
        const ok = res.write(file.piece(offset, n))
        offset += n
        if (!ok) return void res.once('drain', more)
      }
      res.end()
    }
    more()
  }

  const handle = async (req: IncomingMessage, res: ServerResponse, r: Recorded) => {
    const host = req.headers.host ?? ''
    const u = new URL(req.url ?? '/', 'http://x')
    const p = u.pathname
    const q = u.searchParams
    const m = req.method
    let g: RegExpExecArray | null
    if (m === 'POST' && p === '/api/tasks') {
      const spec = JSON.parse(Buffer.concat(await readBody(req, r, true)).toString('utf8')) as Record<string, unknown>
      const id = nextId++
      tasks.set(id, { spec, files: new Map() })
      return json(res, 201, taskView(id, spec['name'], 0, q.get('org') === null ? null : 1, host))
    }
    if ((g = /^\/api\/(tasks|projects)\/(\d+)$/.exec(p))) {
      const id = Number(g[2])
      const t = tasks.get(id)
      if (g[1] === 'projects') return json(res, 200, projectView(id, host))
      if (t === undefined) return json(res, 404, { detail: 'Not found.' })
      if (m === 'DELETE') return (tasks.delete(id), json(res, 204, undefined))
      return json(res, 200, taskView(id, t.spec['name'], t.files.size, q.get('org') === null ? null : 1, host))
    }
    if ((g = /^(\/api\/tasks\/\d+\/data\/|\/api\/(?:tasks|jobs)\/\d+\/annotations\/|\/api\/projects\/\d+\/dataset\/|\/api\/(?:tasks|projects)\/backup\/)([^/]*)$/.exec(p))) {
      if (g[2] !== '' && (m === 'PATCH' || m === 'HEAD')) return tusChunk(req, res, r, g[2]!)
      if (g[2] === '' && m === 'POST') return upload(req, res, r, g[1]!, q, host)
    }
    if (m === 'POST' && (g = /^\/api\/(task|project|job)s\/(\d+)\/(dataset|backup)\/export$/.exec(p))) return startExport(res, g[1]!, Number(g[2]), g[3] as 'dataset' | 'backup', q, host)
    if (m === 'GET' && (g = /^\/api\/(task|project|job)s\/(\d+)\/(dataset|backup)(\/download)?$/.exec(p))) return serveFile(res, `${g[1]}_${g[2]}_${g[3]}`)
    if (m === 'GET' && (g = /^\/api\/requests\/([^/]+)$/.exec(p))) {
      const rq = rqs.get(decodeURIComponent(g[1]!))
      if (rq === undefined) return json(res, 404, { detail: 'Not found.' })
      const answer = view(rq)
      rq.polls++
      const send = () => json(res, 200, answer)
      return options.statusDelayMs ? void setTimeout(send, options.statusDelayMs) : send()
    }
    if (m === 'GET' && p === '/api/requests') {
      const results = [...rqs.values()]
        .filter((rq) => q.get('action') === null || rq.kind === q.get('action'))
        .filter((rq) => q.get('target') === null || rq.target.target === q.get('target'))
        .filter((rq) => q.get('subresource') === null || rq.target.sub === q.get('subresource'))
        .filter((rq) => q.get('format') === null || rq.target.format === q.get('format'))
        .filter((rq) => ['task', 'project', 'job'].every((t) => q.get(`${t}_id`) === null || (rq.target.target === t && String(rq.target.id) === q.get(`${t}_id`))))
        .map(view)
      return json(res, 200, { count: results.length, next: null, previous: null, results })
    }
    return json(res, 404, { detail: 'Not found.' })
  }

  const server = createServer((req, res) => {
    const r: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes: 0 }
    requests.push(r)
    const n = (counts.get(r.method) ?? 0) + 1
    counts.set(r.method, n)
    const fault = options.fault?.(r, n)
    if (fault === 'drop') return void req.socket.destroy()
    if (fault !== undefined) {
      req.resume()
      res.writeHead(fault.status, fault.headers ?? {})
      return void res.end(fault.body ?? '')
    }
    handle(req, res, r).catch(() => {
      if (!res.headersSent) json(res, 500, 'test server failed')
      else res.destroy()
    })
  })
  const guard = setTimeout(() => server.close(), options.lifetimeMs ?? 120_000)
  guard.unref()
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    requests,
    tasks,
    uploads,
    rqs,
    stored,
    close: () =>
      new Promise<void>((ok) => {
        clearTimeout(guard)
        server.closeAllConnections()
        server.close(() => ok())
      }),
  }
}

