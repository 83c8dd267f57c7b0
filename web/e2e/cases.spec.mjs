// i. Fraud cases (issue 6): a village worker registers a resident (API); the police
//    register a large case for that never-visited resident through 登记案件 and land
//    on the case, whose 逐案倒查 says the household was never visited; the account
//    number shows in clear only after a reason; the week's 案件通报 counts the case
//    and lists it among the large cases, and its figure opens the cases behind it;
//    the township sees the victim masked. The dashboard draws the case charts.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiLogin, startServer } from './server.mjs'
import { field, launchBrowser, newPage, pick, uiLogin, withEvidence } from './browser.mjs'
import { unusedIds } from './people.mjs'

// docs/api.md and tests/api/cases/cases.case: 双桥南村一组 of 城关镇, in village01's scope.
const VILLAGE_GROUP_CODE = '349901100201201'
const FRAUD_TYPE_LABEL = '网络投资理财/博彩'
const ACCOUNT = '6222021234567890123'
const DAY_MS = 24 * 60 * 60 * 1000

let server
let browser
// Shared by the tests below: what the first one registered.
const registered = { id: null, number: '', victimName: '', day: '' }

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

/** The county day (UTC+8) `days` from today, "YYYY-MM-DD". */
function countyDay(days) {
  return new Date(Date.now() + 8 * 60 * 60 * 1000 + days * DAY_MS).toISOString().slice(0, 10)
}

async function must201(res, what) {
  assert.equal(res.status, 201, `${what}: ${JSON.stringify(res.body)}`)
  return res.body
}

test('police register a large case for a never-visited resident; 逐案倒查 says 未走访', { timeout: 240_000 }, async () => {
  const admin = server.accountOfRole('admin')
  const v1 = server.account('village01')
  const police = server.accountOfRole('police')
  const adminApi = await apiLogin(server.baseURL, admin.username, admin.password)
  const v1Api = await apiLogin(server.baseURL, v1.username, v1.password)
  const policeApi = await apiLogin(server.baseURL, police.username, police.password)

  // A household and an elderly resident nobody has visited.
  const { units } = await v1Api.must(`/api/org/search?q=${VILLAGE_GROUP_CODE}`)
  const group = units.find((u) => u.code === VILLAGE_GROUP_CODE)
  assert.ok(group, `village01 finds the village group ${VILLAGE_GROUP_CODE}`)
  const suffix = String(Date.now() % 100000).padStart(5, '0')
  const { household } = await must201(
    await v1Api.post('/api/households', { org_unit_id: group.id, number: `E2EC${suffix}`, address: `${group.name}案件测试${suffix}号` }),
    'POST /api/households',
  )
  const [idNumber] = await unusedIds(adminApi, 1, { firstYear: 1950, years: 10, firstSequence: 950 })
  const victimName = '倒查测试人'
  const { person } = await must201(
    await v1Api.post('/api/people', { household_id: household.id, name: victimName, id_number: idNumber, relation: '户主' }),
    'POST /api/people',
  )
  assert.ok(person.age >= 60, `the victim is elderly (${person.age})`)

  const day = countyDay(-1)
  const number = `A3499-E2E-${suffix}`
  Object.assign(registered, { number, victimName, day })

  const page = await newPage(browser)
  await withEvidence(page, 'cases-register', server, async () => {
    await uiLogin(page, server.baseURL, police.username, police.password)
    await page.locator('[data-testid="side-menu"]').getByText('案件列表').click()
    await page.waitForURL((url) => url.pathname === '/cases')
    await page.locator('[data-testid="case-table"]').waitFor()

    await page.locator('[data-testid="case-create"]').click()
    const dialog = page.locator('.el-dialog:has([data-testid="case-save"])')
    await dialog.waitFor()
    await field(page, 'case-number').fill(number)
    const occurred = field(page, 'case-occurred')
    await occurred.fill(`${day} 10:00:00`)
    await occurred.press('Enter')

    // The place: the village group, found by its code.
    await dialog.locator('[data-testid="case-place"]').click()
    await dialog.locator('[data-testid="case-place"] input').fill(VILLAGE_GROUP_CODE)
    await page.locator(`.unit-picker-popper .el-select-dropdown__item:visible:has([data-unit-id="${group.id}"])`).click()

    // The victim: the resident, found by name.
    await dialog.locator('[data-testid="case-victim-person"]').click()
    await dialog.locator('[data-testid="case-victim-person"] input').fill(victimName)
    await page.locator(`.person-picker-popper .el-select-dropdown__item:visible:has([data-person-id="${person.id}"])`).click()

    await pick(page, dialog.locator('[data-testid="case-fraud-type"]'), FRAUD_TYPE_LABEL)
    await pick(page, dialog.locator('[data-testid="case-channel"]'), 'APP')
    await field(page, 'case-loss').fill('60万')
    await field(page, 'case-stopped').fill('5,000.50')
    await dialog.locator('[data-testid="case-account-add"]').click()
    await field(page, 'case-account-number').fill(ACCOUNT)
    await dialog.locator('textarea[data-testid="case-notes"]').fill('网上投资理财被骗')
    await dialog.locator('[data-testid="case-save"]').click()

    // Registered: the case's own page.
    await page.waitForURL((url) => /^\/cases\/\d+$/.test(url.pathname), { timeout: 30_000 })
    registered.id = Number(new URL(page.url()).pathname.split('/').pop())
    await page.locator('[data-testid="case-title"]').getByText(number).waitFor()
    assert.equal((await page.locator('[data-testid="case-loss"]').innerText()).trim(), '600,000.00')
    assert.equal((await page.locator('[data-testid="case-victim-name"]').innerText()).trim(), victimName)
    await page.locator('[data-testid="case-large"]').waitFor()

    // 逐案倒查: never visited, no letter, no app — as of the case, frozen at registration.
    const trace = page.locator('[data-testid="case-back-trace"]')
    await trace.waitFor()
    const visited = trace.locator('[data-testid="trace-visited"]')
    assert.equal(await visited.getAttribute('data-state'), 'bad')
    assert.match(await visited.innerText(), /未走访/)
    assert.equal(await trace.locator('[data-testid="trace-letter"]').getAttribute('data-state'), 'bad')
    assert.equal(await trace.locator('[data-testid="trace-installed"]').getAttribute('data-state'), 'bad')
    assert.match(await trace.locator('[data-testid="trace-note"]').innerText(), /登记时记录，之后的走访不改变此结果/)

    // A large case opens a rectification plan for the township.
    await page.locator('[data-testid="case-rectification"]').getByText('城关镇').waitFor()

    // The account is masked until a reason is given.
    const accountCell = page.locator('[data-testid="case-account-number-cell"]').first()
    const masked = (await accountCell.innerText()).trim()
    assert.notEqual(masked, ACCOUNT)
    assert.match(masked, /^6222\*+0123$/)
    await page.locator('[data-testid="case-unmask"]').click()
    await field(page, 'case-unmask-reason').fill('研判涉案账户')
    await page.locator('[data-testid="case-unmask-confirm"]').click()
    await page.locator('[data-testid="case-unmasked"]').waitFor()
    assert.equal((await accountCell.innerText()).trim(), ACCOUNT)

    // The server agrees.
    const { case: stored } = await policeApi.must(`/api/cases/${registered.id}`)
    assert.equal(stored.case_number, number)
    assert.equal(stored.loss_fen, 60_000_000)
    assert.equal(stored.stopped_fen, 500_050)
    assert.equal(stored.victim.person_id, person.id)
    assert.equal(stored.org_unit.id, group.id)
    assert.equal(stored.large, true)
    assert.equal(stored.back_trace.person_known, true)
    assert.equal(stored.back_trace.visited, false)

    // The list finds it by number, with its back-trace badges.
    await page.goto(`${server.baseURL}/cases?q=${encodeURIComponent(number)}`)
    const row = page.locator(`[data-testid="case-table"] .el-table__row:has([data-case-id="${registered.id}"])`)
    await row.waitFor()
    assert.match(await row.locator('[data-testid="case-badges"]').innerText(), /未走访/)
    assert.equal((await page.locator('[data-testid="cases-total"]').innerText()).trim(), '1')
    assert.equal((await page.locator('[data-testid="cases-loss"]').innerText()).trim(), '600,000.00')
  })
})

test('the week’s 案件通报 counts the case and lists it as a large case', { timeout: 240_000 }, async () => {
  assert.ok(registered.id, 'the first test registered a case')
  const police = server.accountOfRole('police')
  const policeApi = await apiLogin(server.baseURL, police.username, police.password)
  const query = `period=week&date=${registered.day}`
  const bulletin = await policeApi.must(`/api/case-bulletin?${query}`)
  assert.ok(bulletin.total.cases >= 1, 'the bulletin counts at least the new case')
  assert.ok(
    bulletin.large_cases.some((c) => c.id === registered.id),
    `the bulletin lists the case among the large cases: ${JSON.stringify(bulletin.large_cases)}`,
  )
  const list = await policeApi.must(`/api/cases?unit_id=${bulletin.unit.id}&from=${bulletin.period.from}&to=${bulletin.period.to}&limit=1`)

  const page = await newPage(browser)
  await withEvidence(page, 'cases-bulletin', server, async () => {
    await uiLogin(page, server.baseURL, police.username, police.password)
    await page.goto(`${server.baseURL}/case-bulletin?${query}`)
    const sheet = page.locator('[data-testid="bulletin"]')
    await sheet.waitFor({ timeout: 30_000 })
    assert.equal((await sheet.locator('[data-testid="bulletin-title"]').innerText()).trim(), bulletin.title)
    const total = sheet.locator('[data-testid="bulletin-total-cases"]')
    assert.equal((await total.innerText()).trim(), bulletin.total.cases.toLocaleString('zh-CN'))
    const large = sheet.locator('[data-testid="bulletin-large-row"]').filter({ hasText: registered.number })
    await large.waitFor()
    assert.match(await large.innerText(), /600,000\.00/)

    // The figure opens the cases behind it: the same period, the same count.
    await total.click()
    await page.waitForURL((url) => url.pathname === '/cases' && url.searchParams.get('from') === bulletin.period.from)
    const url = new URL(page.url())
    assert.equal(url.searchParams.get('to'), bulletin.period.to)
    assert.equal(url.searchParams.get('unit_id'), String(bulletin.unit.id))
    await page.locator(`[data-testid="case-table"] [data-case-id="${registered.id}"]`).waitFor()
    assert.equal((await page.locator('[data-testid="cases-total"]').innerText()).trim(), list.total.toLocaleString('zh-CN'))
    assert.equal(list.total, bulletin.total.cases, 'the list behind the figure has as many cases as the bulletin counts')
  })
})

test('the township sees the case with the victim masked', { timeout: 180_000 }, async () => {
  assert.ok(registered.id, 'the first test registered a case')
  const township = server.account('township01')
  const page = await newPage(browser)
  await withEvidence(page, 'cases-township', server, async () => {
    await uiLogin(page, server.baseURL, township.username, township.password)
    await page.goto(`${server.baseURL}/cases/${registered.id}`)
    await page.locator('[data-testid="case-title"]').getByText(registered.number).waitFor({ timeout: 30_000 })
    const name = (await page.locator('[data-testid="case-victim-name"]').innerText()).trim()
    assert.notEqual(name, registered.victimName, 'the full name is not shown')
    assert.ok(name.startsWith(registered.victimName[0]) && name.includes('*'), `the name is masked: ${name}`)
    await page.locator('[data-testid="case-victim-masked"]').waitFor()
    assert.equal(await page.locator('[data-testid="case-unmask"]').count(), 0, 'no 查看完整账号 without case.identity')
    assert.equal((await page.locator('[data-testid="case-account-number-cell"]').first().innerText()).trim(), '（无权查看）')
    assert.equal(await page.locator('[data-testid="case-edit"]').count(), 0, 'townships do not edit cases')
    // The back-trace is the same for everyone who sees the case.
    assert.equal(await page.locator('[data-testid="trace-visited"]').getAttribute('data-state'), 'bad')
  })
})

test('dashboard: the 案件 section draws its charts', { timeout: 180_000 }, async () => {
  const police = server.accountOfRole('police')
  const policeApi = await apiLogin(server.baseURL, police.username, police.password)
  const month = await policeApi.must('/api/case-stats?period=month')
  const page = await newPage(browser)
  await withEvidence(page, 'cases-dashboard', server, async () => {
    await uiLogin(page, server.baseURL, police.username, police.password)
    const section = page.locator('[data-testid="case-section"]')
    await section.waitFor({ timeout: 30_000 })
    await section.locator('[data-testid="case-trend-chart"] canvas').waitFor({ timeout: 30_000 })
    await section.locator('[data-testid="case-children-chart"] canvas').waitFor()
    const shown = (await section.locator('[data-testid="case-month-cases"] .value').innerText()).trim()
    assert.equal(shown, month.total.cases.toLocaleString('zh-CN'))
    // The rest of the dashboard is still there.
    await page.locator('[data-testid="dashboard-chart"] canvas').waitFor()
  })
})

test('police change the large-case threshold on 两降目标; a township only reads it', { timeout: 180_000 }, async () => {
  const police = server.accountOfRole('police')
  const policeApi = await apiLogin(server.baseURL, police.username, police.password)
  const page = await newPage(browser)
  await withEvidence(page, 'cases-settings', server, async () => {
    await uiLogin(page, server.baseURL, police.username, police.password)
    await page.goto(`${server.baseURL}/case-targets`)
    const input = page.locator('[data-testid="case-settings-wan"] input')
    await page.waitForFunction(() => document.querySelector('[data-testid="case-settings-wan"] input')?.value === '50', null, { timeout: 30_000 })
    await input.fill('80')
    await input.blur()
    await page.locator('[data-testid="case-settings-save"]').click()
    await page.getByText('已保存').first().waitFor({ timeout: 30_000 })
    assert.equal((await policeApi.must('/api/case-settings')).large_case_fen, 80_000_000)
    await input.fill('50')
    await input.blur()
    await page.locator('[data-testid="case-settings-save"]').click()
  })
  const township = server.account('township01')
  const tPage = await newPage(browser)
  await withEvidence(tPage, 'cases-settings-township', server, async () => {
    await uiLogin(tPage, server.baseURL, township.username, township.password)
    await tPage.goto(`${server.baseURL}/case-targets`)
    await tPage.locator('[data-testid="case-settings"]').waitFor({ timeout: 30_000 })
    assert.equal(await tPage.locator('[data-testid="case-settings-save"]').count(), 0)
  })
  // Back to the default for any later test.
  for (let i = 0; i < 50; i++) {
    if ((await policeApi.must('/api/case-settings')).large_case_fen === 50_000_000) break
    await new Promise((r) => setTimeout(r, 100))
  }
  assert.equal((await policeApi.must('/api/case-settings')).large_case_fen, 50_000_000)
})
