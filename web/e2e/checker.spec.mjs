// g. On a phone (390×844), without logging in, anyone reaches 可疑信息检测 from
//    the login page, pastes a police-impersonation message and gets 诈骗 with
//    安全账户 highlighted and the advice to call 96110; a bank's verification-code
//    SMS gets 正常; an empty box cannot be sent, nor one over 10,000 characters.
//    The API answers an empty text with 400 invalid_value. A logged-in worker
//    reaches the same page from the side menu; too many checks from one address
//    get a message saying how many seconds to wait.
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

const FRAUD =
  '您好，我是市公安局刑侦大队的王警官，您的身份证涉嫌一起洗钱案件，请立即把资金转到安全账户配合调查，不要告诉任何人。'
const NORMAL = '【招商银行】验证码482913，您正在登录手机银行，5分钟内有效，请勿泄露给他人。'

test('phone: anyone checks a message at /check without logging in', { timeout: 120_000 }, async () => {
  const page = await newPage(browser, PHONE)
  const checkRequests = []
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === '/api/check') {
      checkRequests.push(req.postData())
    }
  })

  await withEvidence(page, 'checker', server, async () => {
    // The login page links to the check for people without an account.
    await page.goto(`${server.baseURL}/login`)
    await page.locator('[data-testid="login-check-link"]').getByText('不用登录：可疑信息检测').click()
    await page.waitForURL((url) => url.pathname === '/check')

    const box = page.locator('textarea[data-testid="check-text"], [data-testid="check-text"] textarea').first()
    const submit = page.locator('[data-testid="check-submit"]')
    await box.waitFor()
    assert.ok(await submit.isDisabled(), '检测 is disabled while the box is empty')
    await page.getByText('检测在服务器上即时完成，您粘贴的内容不会被保存。').waitFor()

    // A police-impersonation message: 诈骗.
    await box.fill(FRAUD)
    await page.locator('[data-testid="check-counter"]').getByText(`${Array.from(FRAUD).length}/10000`).waitFor()
    assert.ok(await submit.isEnabled(), '检测 is enabled once there is text')
    await submit.click()
    const fraud = page.locator('[data-testid="check-result"][data-verdict="fraud"]')
    await fraud.waitFor()
    assert.equal((await fraud.locator('[data-testid="check-verdict"]').textContent()).trim(), '诈骗')
    assert.match(await fraud.locator('[data-testid="check-score"]').textContent(), /风险分\s*\d+\s*\/100/)

    // The text is shown back as sent, with 安全账户 highlighted and explained.
    assert.equal(await fraud.locator('[data-testid="check-highlighted"]').textContent(), FRAUD)
    const marks = fraud.locator('[data-testid="check-mark"]')
    const markTexts = await marks.allTextContents()
    assert.ok(markTexts.includes('安全账户'), `a highlight reads 安全账户; highlights: ${JSON.stringify(markTexts)}`)
    const safeAccount = marks.filter({ hasText: /^安全账户$/ }).first()
    assert.ok((await safeAccount.getAttribute('title'))?.trim(), 'the highlight names its reason(s) in its title')
    await safeAccount.click()
    await fraud.locator('[data-testid="check-mark-reasons"]').getByText('“安全账户”', { exact: false }).waitFor()

    // Reasons, heaviest first; the advice mentions 96110; the call buttons are tel: links.
    const weights = (await fraud.locator('[data-testid="check-reason"] .weight').allTextContents()).map((w) =>
      Number(w.replace('\u2212', '-')),
    )
    assert.ok(weights.length > 0, 'the reasons are listed')
    assert.deepEqual(weights, [...weights].sort((a, b) => b - a), `reasons are ordered by weight: ${weights}`)
    const advice = await fraud.locator('[data-testid="check-advice"] li').allTextContents()
    assert.ok(advice.some((a) => a.includes('96110')), `an advice line mentions 96110: ${JSON.stringify(advice)}`)
    assert.equal(await fraud.locator('a[href="tel:96110"]').getByText('拨打96110反诈专线').count(), 1)
    assert.equal(await fraud.locator('a[href="tel:110"]').getByText('报警110').count(), 1)
    assert.equal(await page.locator('button, a').filter({ hasText: '举报' }).count(), 0, 'no report button (not a feature yet)')

    // Nothing is wider than the phone's screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the viewport`)

    // A bank's verification-code SMS: 正常; any negative reason is marked 正常特征.
    await box.fill(NORMAL)
    await submit.click()
    const normal = page.locator('[data-testid="check-result"][data-verdict="normal"]')
    await normal.waitFor()
    assert.equal((await normal.locator('[data-testid="check-verdict"]').textContent()).trim(), '正常')
    for (const row of await normal.locator('[data-testid="check-reason"]').all()) {
      if ((await row.locator('.weight').textContent()).startsWith('\u2212')) {
        await row.getByText('正常特征').waitFor()
      }
    }
    assert.deepEqual(
      checkRequests.map((body) => JSON.parse(body)),
      [{ text: FRAUD }, { text: NORMAL }],
      'the two checks sent the texts as they were',
    )

    // Empty: 清空 empties the box and takes the result away; 检测 cannot be pressed.
    await page.locator('[data-testid="check-clear"]').click()
    assert.equal(await box.inputValue(), '')
    await page.locator('[data-testid="check-result"]').waitFor({ state: 'detached' })
    assert.ok(await submit.isDisabled(), '检测 is disabled after 清空')
    await box.fill('')
    assert.ok(await submit.isDisabled(), '检测 is disabled with an empty text')

    // Over 10,000 characters: an error on the page and nothing sent.
    await box.fill('多'.repeat(10_001))
    await page.locator('[data-testid="check-counter"]').getByText('10001/10000').waitFor()
    await submit.click()
    await page.locator('[data-testid="check-error"]').getByText('超过', { exact: false }).waitFor()
    assert.equal(checkRequests.length, 2, 'a text over the limit is not sent')
  })

  // The API itself: an empty text is refused.
  const res = await fetch(`${server.baseURL}/api/check`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ text: '' }),
  })
  const body = await res.json().catch(() => null)
  assert.equal(res.status, 400, `POST /api/check {"text":""} answered ${res.status}: ${JSON.stringify(body)}`)
  assert.equal(body?.error?.code, 'invalid_value', JSON.stringify(body))
  assert.ok(body?.error?.message, 'the error carries a message to show')
})

const textBox = (page) => page.locator('textarea[data-testid="check-text"], [data-testid="check-text"] textarea').first()

test('phone: a logged-in worker opens 可疑信息检测 from the menu', { timeout: 120_000 }, async () => {
  const v1 = server.account('village01')
  const page = await newPage(browser, PHONE)

  await withEvidence(page, 'checker-menu', server, async () => {
    await uiLogin(page, server.baseURL, v1.username, v1.password)
    await page.locator('[data-testid="menu-button"]').click()
    await page.locator('.menu-drawer').getByText('可疑信息检测').click()
    await page.waitForURL((url) => url.pathname === '/check')

    await textBox(page).fill(FRAUD)
    await page.locator('[data-testid="check-submit"]').click()
    await page.locator('[data-testid="check-result"][data-verdict="fraud"]').waitFor()

    // The way back into the platform.
    await page.locator('[data-testid="check-back"]').click()
    await page.waitForURL((url) => url.pathname !== '/check')
    await page.locator('[data-testid="menu-button"]').waitFor()
  })
})

test('phone: too many checks from one address say how long to wait', { timeout: 180_000 }, async () => {
  // A server of its own whose allowance is 3 checks, then one a minute.
  const limitedServer = await startServer({ serveArgs: ['--check-burst', '3', '--check-per-minute', '1'] })
  try {
    let limited = null
    for (let i = 0; i < 10 && !limited; i++) {
      const res = await fetch(`${limitedServer.baseURL}/api/check`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: '今晚一起吃饭吗' }),
      })
      if (res.status === 429) {
        limited = { retryAfter: res.headers.get('Retry-After'), body: await res.json().catch(() => null) }
      } else {
        await res.arrayBuffer()
      }
    }
    assert.ok(limited, 'POST /api/check answered 429 once the allowance was used up')
    assert.equal(limited.body?.error?.code, 'rate_limited', JSON.stringify(limited.body))
    assert.match(limited.retryAfter ?? '', /^\d+$/, `Retry-After is whole seconds: ${limited.retryAfter}`)

    const page = await newPage(browser, PHONE)
    await withEvidence(page, 'checker-429', limitedServer, async () => {
      await page.goto(`${limitedServer.baseURL}/check`)
      await textBox(page).fill(NORMAL)
      await page.locator('[data-testid="check-submit"]').click()
      const error = page.locator('[data-testid="check-error"]')
      await error.getByText(/请\s*\d+\s*秒后再试/).waitFor()
      assert.equal(await page.locator('[data-testid="check-result"]').count(), 0, 'no result is shown')
      assert.ok(await page.locator('[data-testid="check-submit"]').isEnabled(), '检测 can be pressed again later')
    })
  } finally {
    await limitedServer.stop()
  }
})
