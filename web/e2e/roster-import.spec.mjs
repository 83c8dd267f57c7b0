// e. A village worker imports a roster XLSX built here: one unknown header stops
//    the job for a mapping, one ID number has a wrong check digit; with
//    "只导入正确的行" the good rows go in and the bad one comes back as a download.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { apiLogin, startServer } from './server.mjs'
import { launchBrowser, newPage, pick, uiLogin, withEvidence } from './browser.mjs'
import { unusedIds, withBadCheck } from './people.mjs'

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

async function rosterXlsx(rows) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('花名册')
  sheet.addRow(['序号', '姓名', '身份证号', '手机号', '户号', '与户主关系', '联系地址'])
  for (const row of rows) {
    sheet.addRow(row)
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

test('village01 imports a roster: mapping, report, rejected row download', { timeout: 180_000 }, async () => {
  const admin = server.accountOfRole('admin')
  const v1 = server.account('village01')
  const adminApi = await apiLogin(server.baseURL, admin.username, admin.password)
  const [a, b, c, d, e, f] = await unusedIds(adminApi, 6)
  const address = '安澜县测试路1号'
  const rows = [
    [1, '测甲', a, '13900000001', 'E2E-01', '户主', address],
    [2, '测乙', b, '13900000002', 'E2E-01', '配偶', address],
    [3, '测丙', c, '', 'E2E-01', '子', address],
    [4, '测丁', d, '13900000004', 'E2E-02', '户主', '安澜县测试路2号'],
    [5, '测戊', withBadCheck(e), '13900000005', 'E2E-02', '配偶', '安澜县测试路2号'],
    [6, '测己', f, '', 'E2E-02', '女', '安澜县测试路2号'],
  ]
  // Excel row 1 holds the headers; the bad row is the fifth data row.
  const badLine = 6
  const expectedCreated = rows.length - 1
  const file = await rosterXlsx(rows)

  const page = await newPage(browser)
  let password = v1.password
  await withEvidence(page, 'roster-import', server, async () => {
    password = await uiLogin(page, server.baseURL, v1.username, v1.password)
    await page.locator('[data-testid="side-menu"]').getByText('花名册导入').click()
    await page.waitForURL((url) => url.pathname === '/imports')

    await page.locator('[data-testid="import-mode-valid"]').click()
    await page.locator('[data-testid="import-file"]').setInputFiles({
      name: '花名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    })
    await page.locator('[data-testid="import-submit"]').click()

    // 联系地址 is not a known header: the job waits for a mapping.
    const mapping = page.locator('[data-testid="import-mapping"]')
    await mapping.waitFor({ timeout: 30_000 })
    await page.locator('[data-testid="import-status"][data-status="needs_mapping"]').waitFor()

    await pick(page, mapping.locator('[data-testid="import-mapping-select"][data-header="联系地址"]'), /^住址$/)
    await pick(page, mapping.locator('[data-testid="import-mapping-select"][data-header="序号"]'), '忽略')
    await mapping.locator('[data-testid="import-mapping-submit"]').click()

    const status = page.locator('[data-testid="import-status"]')
    await page.locator('[data-testid="import-status"][data-status="succeeded"]').waitFor({ timeout: 60_000 }).catch(async (err) => {
      throw new Error(`${err.message}\nstatus shown: ${await status.getAttribute('data-status')}`)
    })

    assert.equal((await page.locator('[data-testid="import-created"]').innerText()).trim(), String(expectedCreated))
    assert.equal((await page.locator('[data-testid="import-rejected"]').innerText()).trim(), '1')

    // The error table names the bad row's line and the ID field by its Chinese label.
    const errorRows = page.locator('[data-testid="import-errors"] .el-table__body .el-table__row')
    assert.equal(await errorRows.count(), 1, 'one rejected row')
    const cells = await errorRows.first().locator('td').allInnerTexts()
    assert.equal(cells[0]?.trim(), String(badLine), `error row: ${cells.join(' | ')}`)
    assert.equal(cells[1]?.trim(), '身份证号', `error row: ${cells.join(' | ')}`)

    // 下载未导入的行: an XLSX (a ZIP, so it starts with "PK").
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="import-rejects"]').click(),
    ])
    const saved = await readFile(await download.path())
    assert.ok(saved.length > 0, 'the rejects file is not empty')
    assert.equal(saved.subarray(0, 2).toString('latin1'), 'PK', 'the rejects file is an XLSX')
    assert.match(download.suggestedFilename(), /\.xlsx$/)

    // The job shows up in the list of recent imports.
    await page.locator('[data-testid="import-jobs"] .el-table__row').filter({ hasText: '花名册.xlsx' }).first().waitFor()
  })

  // The server agrees: the good people are there, with the mapped address.
  const v1Api = await apiLogin(server.baseURL, v1.username, password)
  const { people, total } = await v1Api.must(`/api/people?q=${a}`)
  assert.equal(total, 1, 'the first imported person is found by their whole ID number')
  assert.equal(people[0].name, '测甲')
  assert.equal(people[0].address, address)
  assert.equal(people[0].household_number, 'E2E-01')
  const rejected = await v1Api.must(`/api/people?q=${withBadCheck(e)}`)
  assert.equal(rejected.total, 0, 'the row with the bad check digit was not imported')
})
