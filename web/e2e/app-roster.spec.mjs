// h. The anti-fraud app roster end to end: village01 hands in this week's roster
//    (an XLSX made here) and reads the submission summary; the admin finds the
//    village's row in the weekly ranking, draws a spot check, takes the calls,
//    rings an entry of that village and records 未安装; the entry shows 不实 and
//    the village's ranking row warns of the false entry. Also: the person drawer
//    shows a rostered person's app facts, and a promotion link opens without login.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import ExcelJS from 'exceljs'
import { apiLogin, startServer } from './server.mjs'
import { PHONE, field, launchBrowser, newPage, pick, uiLogin, withEvidence } from './browser.mjs'
import { unusedIds } from './people.mjs'

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

const HEADERS = ['姓名', '身份证号', '手机号', '户号', '与户主关系', '是否安装', '是否注册', '是否开启预警']

async function appRosterXlsx(rows) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('推广安装注册花名册')
  sheet.addRow(HEADERS)
  for (const row of rows) {
    sheet.addRow(row)
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The village's row of the 16–60 table of a ranking answer. */
function rowOf(ranking, unitId) {
  const table = ranking.tables.find((t) => t.population === 'age_16_60')
  assert.ok(table, `the ranking has a 16–60 table: ${JSON.stringify(ranking.tables.map((t) => t.population))}`)
  const row = table.rows.find((r) => r.unit.id === unitId)
  assert.ok(row, `the ranking of ${ranking.unit.name} has a row for unit ${unitId}`)
  return row
}

const text = async (locator) => (await locator.innerText()).trim()

let village
let town
let rostered = []
let v1Password
let planId

test('submit → ranking → spot check → flagged entry', { timeout: 300_000 }, async () => {
  const admin = server.accountOfRole('admin')
  const v1 = server.account('village01')
  const adminApi = await apiLogin(server.baseURL, admin.username, admin.password)
  const v1Api = await apiLogin(server.baseURL, v1.username, v1.password)
  village = v1Api.login.unit
  town = await adminApi.must(`/api/org/units/${village.parent_id}`).then((b) => b.unit)

  const before = rowOf(await adminApi.must(`/api/app/ranking?unit_id=${town.id}`), village.id)

  // Four new residents aged 16–60, all with the app; three registered, one with alerts on.
  const ids = await unusedIds(adminApi, 4, { firstYear: 1975, years: 25, firstSequence: 700 })
  const rows = [
    ['应甲', ids[0], '13900000101', 'APP-01', '户主', '是', '是', '是'],
    ['应乙', ids[1], '13900000102', 'APP-01', '配偶', '是', '是', '否'],
    ['应丙', ids[2], '13900000103', 'APP-02', '户主', '√', '已', '否'],
    ['应丁', ids[3], '13900000104', 'APP-02', '子', 'Y', '否', '否'],
  ]
  rostered = rows.map((r) => ({ name: r[0], id: r[1] }))
  const file = await appRosterXlsx(rows)

  const villagePage = await newPage(browser)
  await withEvidence(villagePage, 'app-roster-submit', server, async () => {
    v1Password = await uiLogin(villagePage, server.baseURL, v1.username, v1.password)
    await villagePage.locator('[data-testid="side-menu"]').getByText('花名册报送').click()
    await villagePage.waitForURL((url) => url.pathname === '/app/rosters')

    await villagePage.locator('[data-testid="import-file"]').setInputFiles({
      name: '推广花名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    })
    await villagePage.locator('[data-testid="import-submit"]').click()
    const report = villagePage.locator('[data-testid="app-roster-report"]')
    await report.locator('[data-testid="import-status"][data-status="succeeded"]').waitFor({ timeout: 60_000 }).catch(async (err) => {
      const shown = await report.locator('[data-testid="import-status"]').getAttribute('data-status').catch(() => null)
      throw new Error(`${err.message}\nstatus shown: ${shown}\nreport: ${await report.innerText().catch(() => '')}`)
    })

    const summary = report.locator('[data-testid="submission-summary"]')
    await summary.waitFor()
    assert.equal(await text(summary.locator('[data-testid="submission-rows"]')), '4')
    assert.equal(await text(summary.locator('[data-testid="submission-installed"]')), '4')
    assert.equal(await text(summary.locator('[data-testid="submission-registered"]')), '3')
    assert.equal(await text(summary.locator('[data-testid="submission-alerts"]')), '1')
    assert.equal(await text(summary.locator('[data-testid="submission-new-installed"]')), '4')
    assert.equal(await text(summary.locator('[data-testid="submission-new-registered"]')), '3')
    assert.match(await summary.innerText(), new RegExp(village.name))

    // The week's list names the village's submission, by village01.
    const listed = villagePage.locator('[data-testid="roster-submissions"] .el-table__row').filter({ hasText: v1.username })
    await listed.first().waitFor()
    assert.match(await listed.first().innerText(), new RegExp(village.name))
  })
  await villagePage.context().close()

  // The server counts the four new installs in the village's row.
  const afterRoster = rowOf(await adminApi.must(`/api/app/ranking?unit_id=${town.id}`), village.id)
  assert.equal(afterRoster.counts.installed, before.counts.installed + 4, 'four more installed in the village')
  assert.equal(afterRoster.counts.population, before.counts.population + 4, 'four more residents aged 16–60')

  const page = await newPage(browser)
  await withEvidence(page, 'app-roster-ranking', server, async () => {
    await uiLogin(page, server.baseURL, admin.username, admin.password)

    // Ranking: from the county down to the village's township, by clicking its row.
    await page.locator('[data-testid="side-menu"]').getByText('反诈APP排名').click()
    await page.waitForURL((url) => url.pathname === '/app/ranking')
    const countyTable = page.locator('[data-testid="ranking-table-age_16_60"]')
    await countyTable.locator(`[data-testid="ranking-row"][data-unit-id="${town.id}"]`).click()
    await page.waitForURL((url) => url.searchParams.get('unit') === String(town.id))
    await page.locator('[data-testid="ranking-title"]').getByText(`${town.name}反诈APP推广周排名`).waitFor()

    const villageRow = page
      .locator('[data-testid="ranking-table-age_16_60"] .el-table__body .el-table__row')
      .filter({ has: page.locator(`[data-testid="ranking-row"][data-unit-id="${village.id}"]`) })
    await villageRow.waitFor()
    const installed = await text(villageRow.locator('[data-testid="ranking-installed"]'))
    const rate = `${(afterRoster.counts.installed_rate * 100).toFixed(1)}%`
    assert.ok(installed.includes(rate), `installed cell "${installed}" shows ${rate}`)
    assert.ok(installed.includes(afterRoster.counts.installed.toLocaleString('zh-CN')), `installed cell "${installed}" shows ${afterRoster.counts.installed}`)
    assert.equal(
      await villageRow.locator('[data-testid="ranking-false-entries"]').count(),
      before.false_entries > 0 ? 1 : 0,
      'no false-entry warning unless the demo already had one',
    )

    // Spot check: a new plan, its items dealt to the admin, one item of the village rung.
    await page.locator('[data-testid="side-menu"]').getByText('电话抽查').click()
    await page.waitForURL((url) => url.pathname === '/spot-checks')
    await page.locator('[data-testid="plan-create"]').click()
    const dialog = page.locator('[data-testid="plan-dialog"]')
    await field(dialog, 'plan-name').fill('E2E抽查')
    await dialog.locator('[data-testid="plan-save"]').click()
    await page.waitForURL((url) => /^\/spot-checks\/\d+$/.test(url.pathname))
    await page.locator('[data-testid="plan-title"]').getByText('E2E抽查').waitFor()
    planId = Number(new URL(page.url()).pathname.split('/').pop())

    await page.locator('[data-testid="plan-assign"]').click()
    await page.locator('[data-testid="assign-dialog"] [data-testid="assign-me"]').click()
    await page.locator('[data-testid="assign-dialog"]').waitFor({ state: 'hidden' })

    await pick(page, page.locator('[data-testid="items-village"]'), village.name)
    const card = page.locator(`[data-testid="spot-item"][data-village-id="${village.id}"]`).first()
    await card.waitFor()
    const itemId = Number(await card.getAttribute('data-item-id'))
    const item = page.locator(`[data-testid="spot-item"][data-item-id="${itemId}"]`)
    assert.match(await text(item.locator('[data-testid="spot-item-phone"]')), /\*/, 'the number is masked before dialing')
    assert.equal(await item.locator('[data-testid="spot-item-flagged"]').count(), 0)

    await item.locator('[data-testid="spot-item-dial"]').click()
    await item.locator('a[data-testid="spot-item-phone"]').waitFor()
    const clear = await text(item.locator('[data-testid="spot-item-phone"]'))
    assert.match(clear, /^1\d{10}$/, `the dialed number is in clear: "${clear}"`)

    await item.locator('[data-testid="spot-item-outcome-button"][data-outcome="not_installed"]').click()
    await item.locator('[data-testid="spot-item-flagged"]').waitFor()
    assert.equal(await text(item.locator('[data-testid="spot-item-outcome"]')), '未安装')
    assert.equal(await item.locator('a[data-testid="spot-item-phone"]').count(), 0, 'the clear number is gone once recorded')

    const { items } = await adminApi.must(`/api/spot-checks/${planId}/items?village_id=${village.id}&called=1`)
    const saved = items.find((i) => i.id === itemId)
    assert.ok(saved, 'the server lists the called item')
    assert.equal(saved.outcome, 'not_installed')
    assert.equal(saved.flagged, true)

    // Back in the ranking the village's row warns of the entry found false.
    const afterCall = rowOf(await adminApi.must(`/api/app/ranking?unit_id=${town.id}`), village.id)
    assert.equal(afterCall.false_entries, before.false_entries + 1, 'the server counts one more false entry')
    await page.goto(`${server.baseURL}/app/ranking?unit=${town.id}`)
    const warning = villageRow.locator('[data-testid="ranking-false-entries"]')
    await warning.waitFor()
    assert.equal(await text(warning), `抽查发现不实 ${afterCall.false_entries} 条`)
  })
})

test('the person drawer shows a rostered person’s app facts', { timeout: 120_000 }, async () => {
  assert.ok(rostered.length > 0, 'the roster test ran first')
  const v1 = server.account('village01')
  const page = await newPage(browser)
  await withEvidence(page, 'app-roster-drawer', server, async () => {
    await uiLogin(page, server.baseURL, v1.username, v1Password ?? v1.password)
    await page.goto(`${server.baseURL}/people`)
    await page.getByRole('tab', { name: '人员' }).click()
    await field(page, 'person-filter-q').fill(rostered[3].id)
    await page.locator('[data-testid="person-search"]').click()
    await page.locator('[data-testid="person-table"] .el-table__row').filter({ hasText: rostered[3].name }).first().click()

    const section = page.locator('[data-testid="person-drawer"] [data-testid="person-app"]')
    await section.locator('[data-testid="app-facts"] .el-table__row').first().waitFor()
    // 应丁: installed (Y), not registered, no alerts, all from the weekly roster.
    assert.match(await text(section.locator('[data-testid="app-fact-installed"]')), /^✔/)
    assert.match(await text(section.locator('[data-testid="app-fact-registered"]')), /^✘/)
    assert.match(await text(section.locator('[data-testid="app-fact-alerts_on"]')), /^✘/)
    const history = await section.locator('[data-testid="app-facts"] .el-table__body').innerText()
    assert.match(history, /每周花名册/)
    assert.match(history, /已安装：是/)

    // An in-person check turns on registration; it is a strong observation.
    await section.locator('[data-testid="app-record"]').click()
    const form = section.locator('[data-testid="app-fact-form"]')
    await form.locator('[data-testid="fact-registered"]').click()
    await form.locator('[data-testid="fact-save"]').click()
    await form.waitFor({ state: 'hidden' })
    const registered = await text(section.locator('[data-testid="app-fact-registered"]'))
    assert.match(registered, /^✔/)
    assert.match(registered, /强核实/)
    assert.match(await section.locator('[data-testid="app-facts"] .el-table__body').innerText(), /当面查看手机/)
  })
})

test('a promotion link opens its landing page without a login', { timeout: 120_000 }, async () => {
  const v1 = server.account('village01')
  const page = await newPage(browser)
  let code
  await withEvidence(page, 'app-roster-promo', server, async () => {
    await uiLogin(page, server.baseURL, v1.username, v1Password ?? v1.password)
    await page.locator('[data-testid="side-menu"]').getByText('我的推广码').click()
    await page.waitForURL((url) => url.pathname === '/app/promotion')
    code = await text(page.locator('[data-testid="promotion-code"]'))
    assert.ok(code.length > 0, 'a code is shown')
    assert.equal(await text(page.locator('[data-testid="promotion-link"]')), `${server.baseURL}/promo/${code}`)
    const qr = await page.locator('[data-testid="promotion-qr"]').getAttribute('src')
    assert.match(qr ?? '', /^data:image\/png;base64,/)
  })

  const stranger = await newPage(browser)
  await withEvidence(stranger, 'app-roster-promo-public', server, async () => {
    await stranger.goto(`${server.baseURL}/promo/${code}`)
    assert.equal(new URL(stranger.url()).pathname, `/promo/${code}`, 'no redirect to the login page')
    const worker = stranger.locator('[data-testid="promo-worker"]')
    await worker.waitFor()
    assert.match(await worker.innerText(), /推荐人：.+\*/)
    assert.match(await stranger.locator('[data-testid="promo-landing"]').innerText(), /短信预警/)

    await stranger.goto(`${server.baseURL}/promo/NO-SUCH-CODE-0`)
    await stranger.locator('[data-testid="promo-invalid"]').waitFor()
  })
})

test('phone: the police caller’s spot-check view fits 390 px', { timeout: 120_000 }, async () => {
  assert.ok(planId, 'the roster test drew a plan')
  const police = server.accountOfRole('police')
  const page = await newPage(browser, PHONE)
  await withEvidence(page, 'app-roster-phone', server, async () => {
    await uiLogin(page, server.baseURL, police.username, police.password)
    await page.locator('[data-testid="menu-button"]').click()
    await page.locator('.menu-drawer').getByText('电话抽查').click()
    await page.waitForURL((url) => url.pathname === '/spot-checks')
    await page.locator(`[data-testid="plan-table"] [data-plan-id="${planId}"]`).click()
    await page.waitForURL((url) => url.pathname === `/spot-checks/${planId}`)

    await pick(page, page.locator('[data-testid="items-called"]'), '未拨打')
    const card = page.locator('[data-testid="spot-item"]').first()
    await card.waitFor()
    // A manager may ring any item; the button and the outcome buttons fit the screen.
    await card.locator('[data-testid="spot-item-dial"]').click()
    await card.locator('[data-testid="spot-item-form"]').waitFor()
    const buttons = card.locator('[data-testid="spot-item-outcome-button"]')
    assert.equal(await buttons.count(), 6, 'six outcomes to choose from')
    for (let i = 0; i < 6; i++) {
      const box = await buttons.nth(i).boundingBox()
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `outcome button ${i} is on screen: ${JSON.stringify(box)}`)
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the viewport`)
  })
})

test('a manager ends a plan and its entries can no longer be rung', { timeout: 120_000 }, async () => {
  assert.ok(planId, 'the roster test drew a plan')
  const admin = server.accountOfRole('admin')
  const adminApi = await apiLogin(server.baseURL, admin.username, admin.password)
  const page = await newPage(browser)
  await withEvidence(page, 'app-roster-close', server, async () => {
    await uiLogin(page, server.baseURL, admin.username, admin.password)
    await page.goto(`${server.baseURL}/spot-checks/${planId}`)
    await page.locator('[data-testid="spot-item-dial"]').first().waitFor()
    await page.locator('[data-testid="plan-close"]').click()
    await page.locator('.el-message-box').getByRole('button', { name: '结束抽查' }).click()
    await page.locator('.plan-meta').getByText('已结束').waitFor()
    assert.equal(await page.locator('[data-testid="spot-item-dial"]').count(), 0, 'no 拨号 on a closed plan')
    assert.equal(await page.locator('[data-testid="plan-assign"]').count(), 0)
  })
  const { plan } = await adminApi.must(`/api/spot-checks/${planId}`)
  assert.equal(plan.closed, true)
})
