// b. The admin creates a village user bound to a village found via search; the
//    new user can then log in (changing the initial password if required).
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

test('admin creates a village user who can then log in', { timeout: 150_000 }, async () => {
  const admin = server.accountOfRole('admin')
  const adminApi = await apiLogin(server.baseURL, admin.username, admin.password)
  const { village } = await findVillage(adminApi)
  const meta = await adminApi.must('/api/meta')
  const villageRole = meta.roles.find((r) => r.role === 'village')
  assert.ok(villageRole, '/api/meta lists the village role')
  assert.ok(villageRole.allowed_kinds.includes(village.kind), `role village may sit on a ${village.kind}`)

  const newUser = { username: 'e2e.grid01', displayName: '测试网格员', password: 'Init-Pw#7k2Q' }
  const page = await newPage(browser)

  await withEvidence(page, 'user-create', server, async () => {
    await uiLogin(page, server.baseURL, admin.username, admin.password)
    await page.locator('[data-testid="side-menu"]').getByText('用户管理').click()
    await page.waitForURL((url) => url.pathname === '/users')

    await page.locator('[data-testid="user-create"]').click()
    const dialog = page.locator('.el-dialog:has([data-testid="user-save"])')
    await dialog.waitFor()
    await field(page, 'user-username').fill(newUser.username)
    await field(page, 'user-display-name').fill(newUser.displayName)

    await dialog.locator('[data-testid="user-role"]').click()
    await page.locator('.el-select-dropdown__item:visible').getByText(villageRole.label, { exact: true }).click()

    // The org unit is chosen by searching for the village's name.
    await dialog.locator('[data-testid="user-unit"]').click()
    await dialog.locator('[data-testid="user-unit"] input').fill(village.name)
    await page.locator(`.unit-picker-popper .el-select-dropdown__item:visible:has([data-unit-id="${village.id}"])`).click()

    await field(page, 'user-password').fill(newUser.password)
    await dialog.locator('[data-testid="user-save"]').click()
    await dialog.waitFor({ state: 'hidden' })

    const row = page.locator('[data-testid="user-table"] .el-table__row').filter({ hasText: newUser.username })
    await row.waitFor()
    const rowText = await row.innerText()
    assert.ok(rowText.includes(village.name), `the new user's row names the village: ${rowText}`)

    // The server agrees.
    const { users } = await adminApi.must(`/api/users?q=${encodeURIComponent(newUser.username)}`)
    const created = users.find((u) => u.username === newUser.username)
    assert.ok(created, 'GET /api/users lists the new user')
    assert.equal(created.role, 'village')
    assert.equal(created.org_unit_id, village.id)

    // Log out, then in as the new user.
    await page.locator('[data-testid="logout"]').click()
    await page.waitForURL((url) => url.pathname === '/login')
    const finalPassword = await uiLogin(page, server.baseURL, newUser.username, newUser.password)
    assert.equal(new URL(page.url()).pathname, '/')
    await page.locator('[data-testid="current-user"]').getByText(newUser.displayName).waitFor()
    await page.locator('[data-testid="dashboard"] .page-title').getByText(village.name).waitFor()

    // Whatever password the UI left valid works through the API too.
    const again = await apiLogin(server.baseURL, newUser.username, finalPassword)
    assert.equal(again.login.user.must_change_password, false)
  })
})
