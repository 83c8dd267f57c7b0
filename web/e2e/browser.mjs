// Chromium from Debian, driven by playwright-core; never a downloaded browser.
import { mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const ARTIFACTS = path.join(os.tmpdir(), 'fanzha-e2e-artifacts')

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export const DESKTOP = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
}

export async function newPage(browser, options = DESKTOP) {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  return page
}

/** Element Plus puts data-testid on the <input> itself or on a wrapper: accept both. */
export function field(page, testid) {
  return page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first()
}

/** Opens an Element Plus select and picks the option; waits for its dropdown to close. */
export async function pick(page, select, optionText) {
  await select.click()
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: optionText }).first().click()
  for (let i = 0; i < 50 && (await page.locator('.el-select-dropdown:visible').count()) > 0; i++) {
    await page.waitForTimeout(100)
  }
}

const NEW_PASSWORD = 'Fz-e2e-Neu#2024'

/**
 * Logs in through the login page. When the server demands a new password first,
 * sets one through the change-password page. Returns the password now valid.
 */
export async function uiLogin(page, baseURL, username, password) {
  await page.goto(`${baseURL}/login`)
  await field(page, 'login-username').fill(username)
  await field(page, 'login-password').fill(password)
  await page.locator('[data-testid="login-submit"]').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  if (new URL(page.url()).pathname !== '/account/password') {
    return password
  }
  await field(page, 'pw-current').fill(password)
  await field(page, 'pw-new').fill(NEW_PASSWORD)
  await field(page, 'pw-confirm').fill(NEW_PASSWORD)
  await page.locator('[data-testid="pw-submit"]').click()
  await page.waitForURL((url) => url.pathname !== '/account/password')
  return NEW_PASSWORD
}

/** Runs fn; on failure saves a screenshot and adds it (and the server log tail) to the error. */
export async function withEvidence(page, name, server, fn) {
  try {
    return await fn()
  } catch (e) {
    mkdirSync(ARTIFACTS, { recursive: true })
    const shot = path.join(ARTIFACTS, `${name}-${Date.now()}.png`)
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {})
    const tail = server ? server.log().split('\n').slice(-30).join('\n') : ''
    if (e instanceof Error) {
      e.message += `\n  page: ${page.url()}\n  screenshot: ${shot}\n  server log tail:\n${tail}`
    }
    throw e
  }
}
