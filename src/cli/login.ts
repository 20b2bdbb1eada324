/**
 * `cvat-fp login`: prints only the token, for `export CVAT_TOKEN=$(cvat-fp login)`. The password
 * comes from CVAT_PASSWORD or a no-echo prompt on a terminal, never from a flag (it would show in
 * `ps`); with neither, it is a usage error and nothing is asked or sent.
 */
import { authCreateLogin, createClient } from '../index'
import { type Exit, type Fault, type Io, type Usage, baseUrlOf, credentialsOf, faultOf, isUsage, usage } from './context'

/** The flags of `login`, as util.parseArgs returns them. */
export interface LoginFlags {
  readonly username?: string
  readonly url?: string
  readonly json?: boolean
}

/** Logs in and prints the token (or `{"token": …}` with --json). */
export const loginCommand = async (io: Io, f: LoginFlags): Promise<Exit | Usage | Fault> => {
  const baseUrl = baseUrlOf(io, f.url)
  if (isUsage(baseUrl)) return baseUrl
  const name = f.username ?? io.env['CVAT_USERNAME']
  if (!name) return usage('no username: pass --username or set CVAT_USERNAME')
  const password = io.env['CVAT_PASSWORD'] || (await io.readSecret(`Password for ${name}: `))
  if (!password) return usage('no password: set CVAT_PASSWORD, or run on a terminal to be asked (never a flag)')
  const token = await authCreateLogin(createClient({ baseUrl }), { loginSerializerExRequest: credentialsOf(name, password) })()
  if (token._tag === 'Left') return faultOf(token.left)
  io.out(f.json ? `${JSON.stringify({ token: token.right.key })}\n` : `${token.right.key}\n`)
  return 0
}
