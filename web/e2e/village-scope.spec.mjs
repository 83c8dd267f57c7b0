// c. A village worker sees only their own village: the tree holds nothing else,
//    and the neighbouring village's URL shows "not found", never its name.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiLogin, findUser, startServer } from './server.mjs'
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

test('village01 cannot see village02', { timeout: 120_000 }, async () => {
  const admin = server.accountOfRole('admin')
  const v1 = server.account('village01')
  assert.ok(server.account('village02'), 'demo prints village02')
  const adminApi = await apiLogin(server.baseURL, admin.username, admin.password)
  const own = await findUser(adminApi, 'village01')
  const other = await findUser(adminApi, 'village02')
  assert.notEqual(own.org_unit_id, other.org_unit_id, 'village01 and village02 sit on different units')

  const page = await newPage(browser)
  let password = v1.password
  await withEvidence(page, 'village-scope', server, async () => {
    password = await uiLogin(page, server.baseURL, v1.username, v1.password)
    await page.goto(`${server.baseURL}/org`)

    // The tree's only root is village01's own unit.
    const tree = page.locator('[data-testid="unit-tree"]')
    await tree.locator(`.node[data-unit-id="${own.org_unit_id}"]`).waitFor()
    const roots = tree.locator(':scope > .el-tree-node')
    assert.equal(await roots.count(), 1, 'exactly one root node')
    assert.ok((await roots.first().innerText()).includes(own.org_unit_name))
    await page.locator('[data-testid="unit-detail"] [data-testid="unit-name"]').getByText(own.org_unit_name, { exact: true }).waitFor()
    assert.ok(!(await tree.innerText()).includes(other.org_unit_name), 'the tree does not show village02')

    // Opening the neighbour's unit directly shows the not-found state only.
    await page.goto(`${server.baseURL}/org/${other.org_unit_id}`)
    await page.locator('[data-testid="unit-not-found"]').waitFor()
    assert.equal(await page.locator('[data-testid="unit-detail"]').count(), 0, 'no unit detail is rendered')
    const body = await page.locator('body').innerText()
    assert.ok(body.includes('未找到该组织或无权查看'))
    assert.ok(!body.includes(other.org_unit_name), `the page does not name village02's unit (${other.org_unit_name})`)
  })

  // And the API answers 404 to village01's session.
  const v1Api = await apiLogin(server.baseURL, v1.username, password)
  const answer = await v1Api.get(`/api/org/units/${other.org_unit_id}`)
  assert.equal(answer.status, 404)
  assert.equal(answer.body?.error?.code, 'not_found')
})
