// d. On a phone (390×844) the side menu is a drawer behind the menu button.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './server.mjs'
import { PHONE, launchBrowser, newPage, uiLogin, withEvidence } from './browser.mjs'

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

test('phone: village01 opens the menu drawer and reaches 组织架构', { timeout: 120_000 }, async () => {
  const v1 = server.account('village01')
  const page = await newPage(browser, PHONE)

  await withEvidence(page, 'phone-menu', server, async () => {
    await uiLogin(page, server.baseURL, v1.username, v1.password)

    // No side column on a phone: the menu waits in the drawer.
    const menuButton = page.locator('[data-testid="menu-button"]')
    await menuButton.waitFor()
    assert.equal(await page.locator('[data-testid="side-menu"]:visible').count(), 0, 'no visible side menu before opening')

    await menuButton.click()
    const drawer = page.locator('.menu-drawer')
    await drawer.waitFor()
    await drawer.getByText('组织架构').click()

    await page.waitForURL((url) => url.pathname === '/org')
    await page.locator('[data-testid="unit-detail"]').waitFor()
    await drawer.waitFor({ state: 'hidden' })

    // Nothing is wider than the screen except inside scrollable tables.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the viewport`)
  })
})
