// g. The admin's dashboard shows the county's 入户率; after a village worker
//    records a visit (through the API) a reload shows the new figure.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiLogin, findDemoCampaign, startServer } from './server.mjs'
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

/** What the 入户率 card prints for coverage counts (two decimals, grouped counts). */
function cardFigures(total) {
  return {
    rate: `${(total.visit_rate * 100).toFixed(2)}%`,
    visited: `已走访 ${total.visited.toLocaleString('zh-CN')} / ${total.households.toLocaleString('zh-CN')} 户`,
  }
}

async function waitForCard(page, figures) {
  const card = page.locator('[data-testid="coverage-visit-rate"]')
  await card.getByText(figures.rate, { exact: true }).waitFor({ timeout: 30_000 })
  await card.getByText(figures.visited, { exact: true }).waitFor()
  return card.innerText()
}

test('admin dashboard: 入户率 moves after a new visit', { timeout: 180_000 }, async () => {
  const admin = server.accountOfRole('admin')
  const v1 = server.account('village01')
  const adminApi = await apiLogin(server.baseURL, admin.username, admin.password)
  const campaign = await findDemoCampaign(adminApi)
  const coverage = () => adminApi.must(`/api/coverage?campaign_id=${campaign.id}`)

  const before = await coverage()
  assert.equal(before.unit.id, adminApi.login.unit.id, 'coverage defaults to the caller’s unit (the county)')
  const page = await newPage(browser)

  await withEvidence(page, 'coverage-dashboard', server, async () => {
    await uiLogin(page, server.baseURL, admin.username, admin.password)
    const section = page.locator('[data-testid="coverage-section"]')
    await section.waitFor()
    await section.locator('[data-testid="campaign-select"]').click()
    await page.locator('.campaign-select-popper .el-select-dropdown__item:visible').filter({ hasText: campaign.name }).click()
    const shownBefore = await waitForCard(page, cardFigures(before.total))

    // village01 visits one household of their unit not visited yet.
    const v1Api = await apiLogin(server.baseURL, v1.username, v1.password)
    const unitId = v1Api.login.unit.id
    const open = await v1Api.must(`/api/households?unit_id=${unitId}&campaign_id=${campaign.id}&visited=0&limit=1`)
    assert.ok(open.households.length === 1, 'village01 still has a household to visit')
    const recorded = await v1Api.post('/api/visits', {
      campaign_id: campaign.id,
      household_id: open.households[0].id,
      face_to_face: true,
      letter_signed: true,
    })
    assert.equal(recorded.status, 201, JSON.stringify(recorded.body))

    const after = await coverage()
    assert.equal(after.total.visited, before.total.visited + 1, 'the county counts one more visited household')
    assert.equal(after.total.households, before.total.households)

    await page.reload()
    await section.locator('[data-testid="campaign-select"]').click()
    await page.locator('.campaign-select-popper .el-select-dropdown__item:visible').filter({ hasText: campaign.name }).click()
    const shownAfter = await waitForCard(page, cardFigures(after.total))
    assert.notEqual(shownAfter, shownBefore, 'the card changed')
  })
})
