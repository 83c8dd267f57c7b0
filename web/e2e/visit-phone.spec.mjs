// f. On a phone (390×844) a village worker opens 入户走访, picks the demo
//    campaign and records a face-to-face visit with the letter signed (and a
//    photo) on the first household not yet visited; the card turns visited and
//    the API agrees.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiLogin, findDemoCampaign, startServer } from './server.mjs'
import { PHONE, launchBrowser, newPage, uiLogin, withEvidence } from './browser.mjs'
import { deflateSync } from 'node:zlib'

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

/** A tiny valid PNG (2×2, one colour) standing in for a camera photo. */
function tinyPng() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    }
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const b of buf) {
      c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    }
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(body.length + 8)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc(body), body.length + 4)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(2, 0)
  header.writeUInt32BE(2, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.from([0, 29, 95, 191, 29, 95, 191])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat([row, row]))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

test('phone: village01 records a visit and the household turns visited', { timeout: 180_000 }, async () => {
  const v1 = server.account('village01')
  const campaign = await findDemoCampaign(await apiLogin(server.baseURL, v1.username, v1.password))
  const page = await newPage(browser, PHONE)
  let password = v1.password
  let householdId = ''

  await withEvidence(page, 'visit-phone', server, async () => {
    password = await uiLogin(page, server.baseURL, v1.username, v1.password)

    await page.locator('[data-testid="menu-button"]').click()
    const drawer = page.locator('.menu-drawer')
    await drawer.getByText('入户走访').click()
    await page.waitForURL((url) => url.pathname === '/visits')

    // Pick the demo campaign (even if it is already the default).
    await page.locator('[data-testid="campaign-select"]').click()
    await page.locator('.campaign-select-popper .el-select-dropdown__item:visible').filter({ hasText: campaign.name }).click()

    // Not-yet-visited households come first.
    const card = page.locator('[data-testid="household-card"][data-visited="0"]').first()
    await card.waitFor({ timeout: 30_000 })
    householdId = await card.getAttribute('data-household-id')
    assert.ok(householdId, 'the card names its household')
    await card.click()

    const sheet = page.locator('.visit-sheet')
    await sheet.waitFor()
    const face = sheet.locator('[data-testid="visit-face"]')
    assert.ok((await face.getAttribute('class')).includes('is-checked'), '当面宣传 is on by default')
    const letter = sheet.locator('[data-testid="visit-letter"]')
    await letter.click()
    assert.ok((await letter.getAttribute('class')).includes('is-checked'), '已签承诺书 is switched on')
    // Tick the first member met, when the household lists any.
    const member = sheet.locator('[data-testid="visit-members"] .el-checkbox').first()
    if (await member.count()) {
      await member.click()
    }
    // One photo, uploaded once the visit is saved.
    await sheet.locator('[data-testid="visit-photo"]').setInputFiles({ name: 'door.png', mimeType: 'image/png', buffer: tinyPng() })
    await sheet.locator('img[alt="走访照片"]').waitFor()
    await sheet.locator('[data-testid="visit-submit"]').click()
    await sheet.waitFor({ state: 'hidden' })

    // The same card now shows visited, face to face, letter signed.
    const same = page.locator(`[data-testid="household-card"][data-household-id="${householdId}"]`)
    await same.locator('[data-testid="visit-badge"]').getByText('已走访').waitFor()
    assert.equal(await same.getAttribute('data-visited'), '1')
    await same.locator('[data-testid="mark-face"]').waitFor()
    await same.locator('[data-testid="mark-letter"]').waitFor()

    // Nothing is wider than the phone's screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the viewport`)
  })

  // The API lists the household among the visited ones of village01's unit.
  const v1Api = await apiLogin(server.baseURL, v1.username, password)
  const unitId = v1Api.login.unit.id
  const { household } = await v1Api.must(`/api/households/${householdId}`)
  const visited = await v1Api.must(
    `/api/households?unit_id=${unitId}&campaign_id=${campaign.id}&visited=1&q=${encodeURIComponent(household.number)}&limit=500`,
  )
  const row = visited.households.find((h) => String(h.id) === householdId)
  assert.ok(row, `household ${householdId} (${household.number}) is listed with visited=1`)
  assert.equal(row.status.face_to_face, true)
  assert.equal(row.status.letter_signed, true)
  const { visits } = await v1Api.must(`/api/visits?household_id=${householdId}&campaign_id=${campaign.id}`)
  assert.equal(visits.length, 1, 'one visit recorded')
  assert.equal(visits[0].face_to_face, true)
  assert.equal(visits[0].letter_signed, true)
  assert.equal(visits[0].photo_count, 1, 'the photo was uploaded')
})
