// e. The admin edits the tree: adds a unit under a village, renames and deletes
//    it; a refused delete and a rejected CSV import show the server's answer.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiLogin, findVillage, startServer } from './server.mjs'
import { field, launchBrowser, newPage, uiLogin, withEvidence } from './browser.mjs'

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

test('admin adds, renames and deletes a unit; refusals are shown', { timeout: 150_000 }, async () => {
  const admin = server.accountOfRole('admin')
  const adminApi = await apiLogin(server.baseURL, admin.username, admin.password)
  const { town, village } = await findVillage(adminApi)
  const meta = await adminApi.must('/api/meta')
  const childKind = meta.kinds.find((k) => k.kind === 'grid' && k.allowed_parents.includes(village.kind))
  assert.ok(childKind, `/api/meta allows a grid under a ${village.kind}`)
  const code = `${village.code}901`
  const page = await newPage(browser)

  await withEvidence(page, 'org-write', server, async () => {
    await uiLogin(page, server.baseURL, admin.username, admin.password)
    await page.goto(`${server.baseURL}/org/${village.id}`)
    const detail = page.locator('[data-testid="unit-detail"]')
    await detail.locator('[data-testid="unit-name"]').getByText(village.name, { exact: true }).waitFor()

    // Add a grid.
    await detail.getByRole('button', { name: '添加下级' }).click()
    const create = page.locator('.el-dialog:visible')
    await create.locator('[data-testid="unit-kind"]').click()
    await page.locator('.el-select-dropdown__item:visible').getByText(childKind.label, { exact: true }).click()
    await field(page, 'unit-code').fill(code)
    await field(page, 'unit-name-input').fill('测试网格')
    await create.getByRole('button', { name: '添加' }).click()
    await create.waitFor({ state: 'hidden' })
    const row = detail.locator('[data-testid="unit-children"] .el-table__row').filter({ hasText: code })
    await row.waitFor()

    // Open it from the children table, rename it.
    await row.getByText('测试网格').click()
    await detail.locator('[data-testid="unit-name"]').getByText('测试网格', { exact: true }).waitFor()
    const created = new URL(page.url()).pathname.split('/').pop()
    await detail.getByRole('button', { name: '重命名' }).click()
    const rename = page.locator('.el-dialog:visible')
    await rename.locator('input').fill('测试网格（改）')
    await rename.getByRole('button', { name: '保存' }).click()
    await detail.locator('[data-testid="unit-name"]').getByText('测试网格（改）', { exact: true }).waitFor()
    const renamed = await adminApi.must(`/api/org/units/${created}`)
    assert.equal(renamed.unit.name, '测试网格（改）')

    // Delete it: back to the village, the grid is gone.
    await detail.getByRole('button', { name: '删除' }).click()
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click()
    await page.waitForURL((url) => url.pathname === `/org/${village.id}`)
    await detail.locator('[data-testid="unit-children"]').waitFor()
    assert.equal(await detail.locator('[data-testid="unit-children"] .el-table__row').filter({ hasText: code }).count(), 0)
    assert.equal((await adminApi.get(`/api/org/units/${created}`)).status, 404)

    // A township with villages cannot be deleted: the server's refusal is shown.
    await page.goto(`${server.baseURL}/org/${town.id}`)
    await detail.locator('[data-testid="unit-name"]').getByText(town.name, { exact: true }).waitFor()
    await detail.getByRole('button', { name: '删除' }).click()
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click()
    await page.locator('.el-message--error').first().waitFor()
    assert.equal((await adminApi.get(`/api/org/units/${town.id}`)).status, 200, 'the township still exists')

    // A CSV naming an unknown parent is rejected with its line listed.
    await page.locator('[data-testid="org-import"]').click()
    const csv = `code,parent_code,name,kind\n${village.code}902,999999999999,孤儿网格,grid\n`
    await page.locator('[data-testid="import-file"]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.locator('[data-testid="import-submit"]').click()
    const errors = page.locator('[data-testid="import-errors"] .el-table__row')
    await errors.first().waitFor()
    const search = await adminApi.must(`/api/org/search?q=${encodeURIComponent('孤儿网格')}`)
    assert.equal(search.units.length, 0, 'nothing was imported')
  })
})
