// a. The admin sees the dashboard with its chart, opens 组织架构 and walks the
//    tree down to a village.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiLogin, findVillage, startServer } from './server.mjs'
import { launchBrowser, newPage, uiLogin, withEvidence } from './browser.mjs'

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

test('admin: dashboard chart, then the org tree down to a village', { timeout: 120_000 }, async () => {
  const admin = server.accountOfRole('admin')
  const { root, town, village } = await findVillage(await apiLogin(server.baseURL, admin.username, admin.password))
  const page = await newPage(browser)

  await withEvidence(page, 'admin-org', server, async () => {
    await uiLogin(page, server.baseURL, admin.username, admin.password)
    assert.equal(new URL(page.url()).pathname, '/')

    // Dashboard: scope unit name and an ECharts canvas.
    await page.locator('[data-testid="dashboard"] .page-title').getByText(root.name).waitFor()
    await page.locator('[data-testid="dashboard-chart"] canvas').first().waitFor()

    // Menu → 组织架构: the scope root is shown and expanded.
    await page.locator('[data-testid="side-menu"]').getByText('组织架构').click()
    await page.waitForURL((url) => url.pathname === '/org')
    await page.locator('[data-testid="unit-detail"] [data-testid="unit-name"]').getByText(root.name, { exact: true }).waitFor()

    const tree = page.locator('[data-testid="unit-tree"]')
    const townRow = tree.locator(`.el-tree-node__content:has([data-unit-id="${town.id}"])`)
    await townRow.waitFor()
    await townRow.locator('.el-tree-node__expand-icon').click()

    const villageLabel = tree.locator(`.node[data-unit-id="${village.id}"]`)
    await villageLabel.waitFor()
    await villageLabel.click()

    await page.waitForURL((url) => url.pathname === `/org/${village.id}`)
    const detail = page.locator('[data-testid="unit-detail"]')
    await detail.locator('[data-testid="unit-name"]').getByText(village.name, { exact: true }).waitFor()
    const text = await detail.innerText()
    assert.ok(text.includes(village.code), 'the detail shows the village code')
    assert.ok(text.includes(village.kind_label), 'the detail shows the kind label')
    // The breadcrumb runs from the scope root through the township.
    const crumbs = await detail.locator('[data-testid="unit-breadcrumb"]').innerText()
    assert.ok(crumbs.includes(root.name) && crumbs.includes(town.name), `breadcrumb: ${crumbs}`)
  })
})
