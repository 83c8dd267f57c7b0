// Starts a throw-away fanzha server for one test file: a fresh database filled
// by `fanzha demo`, then `fanzha serve` on a free loopback port serving web/dist.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const repoDir = path.resolve(webDir, '..')
export const fanzhaBin = process.env.FANZHA_BIN || path.join(repoDir, 'build', 'fanzha')
export const distDir = path.join(webDir, 'dist')

const START_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 5_000
const LISTENING = /fanzha listening on (http:\/\/127\.0\.0\.1:\d+)/

function runToEnd(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) {
        resolve(out)
      } else {
        reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${err}${out}`))
      }
    })
  })
}

/** `fanzha demo` prints one account per line: role<TAB>username<TAB>password. */
export function parseAccounts(text) {
  const accounts = []
  for (const line of text.split(/\r?\n/)) {
    const parts = line.split('\t')
    if (parts.length === 3 && parts.every((p) => p.trim() !== '')) {
      const [role, username, password] = parts.map((p) => p.trim())
      accounts.push({ role, username, password })
    }
  }
  return accounts
}

function waitForListening(child, logs) {
  return new Promise((resolve, reject) => {
    let buffer = ''
    const timer = setTimeout(() => {
      reject(new Error(`fanzha serve did not report listening within ${START_TIMEOUT_MS} ms\n${logs.join('')}`))
    }, START_TIMEOUT_MS)
    child.stdout.on('data', (d) => {
      buffer += d
      const m = LISTENING.exec(buffer)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`fanzha serve exited early (code ${code}, signal ${signal})\n${logs.join('')}`))
    })
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
  })
}

/** `serveArgs`: extra options for `fanzha serve` (e.g. a tighter --check-burst). */
export async function startServer({ serveArgs = [] } = {}) {
  if (!existsSync(fanzhaBin)) {
    throw new Error(`fanzha binary not found at ${fanzhaBin} (build the server, or set FANZHA_BIN)`)
  }
  if (!existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(`${distDir}/index.html is missing: run "npm run build" in web/ first`)
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fanzha-e2e-'))
  const db = path.join(dir, 't.db')
  const accounts = parseAccounts(await runToEnd(fanzhaBin, ['demo', '--db', db]))

  const logs = []
  const child = spawn(fanzhaBin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', distDir, ...serveArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout.on('data', (d) => logs.push(String(d)))
  child.stderr.on('data', (d) => logs.push(String(d)))
  let baseURL
  try {
    baseURL = await waitForListening(child, logs)
  } catch (e) {
    child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
    throw e
  }

  const exited = new Promise((resolve) => child.once('exit', resolve))

  return {
    baseURL,
    accounts,
    /** The demo account with this username. */
    account(username) {
      const a = accounts.find((x) => x.username === username)
      if (!a) {
        throw new Error(`demo printed no account "${username}"; it printed: ${accounts.map((x) => x.username).join(', ')}`)
      }
      return a
    },
    /** The first demo account with this role. */
    accountOfRole(role) {
      const a = accounts.find((x) => x.role === role)
      if (!a) {
        throw new Error(`demo printed no account with role "${role}"`)
      }
      return a
    },
    log: () => logs.join(''),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
        await exited
        clearTimeout(timer)
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Logs in through the API with fetch and returns a tiny client holding the
 * session cookie and CSRF token, for arranging or checking data behind the UI.
 */
export async function apiLogin(baseURL, username, password) {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  const body = await res.json().catch(() => null)
  if (!res.ok) {
    throw new Error(`API login as ${username} failed: ${res.status} ${JSON.stringify(body)}`)
  }
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const call = async (method, p, json) => {
    const headers = { Cookie: cookie, Accept: 'application/json' }
    if (method !== 'GET') {
      headers['X-CSRF-Token'] = body.csrf_token
    }
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json'
    }
    const r = await fetch(`${baseURL}${p}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) })
    return { status: r.status, body: await r.json().catch(() => null) }
  }
  return {
    login: body,
    cookie,
    get: (p) => call('GET', p),
    post: (p, json) => call('POST', p, json ?? {}),
    /** GET that must succeed; returns the JSON body. */
    async must(p) {
      const r = await call('GET', p)
      if (r.status !== 200) {
        throw new Error(`GET ${p} answered ${r.status}: ${JSON.stringify(r.body)}`)
      }
      return r.body
    },
  }
}

/** Walks down from the caller's scope root to the first township/street with a village or community. */
export async function findVillage(client) {
  const root = client.login.unit
  const tops = (await client.must(`/api/org/units/${root.id}/children`)).units
  for (const town of tops.filter((u) => (u.kind === 'township' || u.kind === 'street') && u.child_count > 0)) {
    const villages = (await client.must(`/api/org/units/${town.id}/children`)).units
    const village = villages.find((u) => u.kind === 'village' || u.kind === 'community')
    if (village) {
      return { root, town, village }
    }
  }
  throw new Error('the demo data has no township with a village under the admin scope root')
}

/** A demo user's record (with org_unit_id and org_unit_name), looked up by an admin. */
export async function findUser(adminClient, username) {
  const { users } = await adminClient.must(`/api/users?q=${encodeURIComponent(username)}&limit=50`)
  const user = users.find((u) => u.username === username)
  if (!user) {
    throw new Error(`GET /api/users?q=${username} did not list ${username}`)
  }
  return user
}

/** The demo's county-wide visit campaign ("…防范电信网络诈骗集中宣传"), active. */
export async function findDemoCampaign(client) {
  const { campaigns } = await client.must('/api/campaigns')
  const campaign = campaigns.find((c) => c.active && /防范电信网络诈骗/.test(c.name))
  if (!campaign) {
    throw new Error(`the demo data has no active anti-fraud campaign; GET /api/campaigns: ${JSON.stringify(campaigns)}`)
  }
  return campaign
}
