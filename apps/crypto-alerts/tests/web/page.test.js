'use strict';
// The web page end to end in a real browser: headless Chromium (Debian's
// package, driven by playwright-core) loads the page from a local server,
// signs in through the hosted UI stand-in (code flow with PKCE), creates an
// alert with the keyboard, sees it ACTIVE once the processor armed it; a
// price run triggers it and the page shows TRIGGERED and the trigger. The
// API is the committed web template's (authorizer, CORS for the page's
// origin) in front of the unmodified handler, on dynalite. The screenshot
// is saved as a test artifact (and is the README's picture of the page).
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { chromium } = require('playwright-core');
const { listen, APP } = require('../handlers/support/aws-local');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = process.env.CFNGEN_ARTIFACTS_DIR || path.join(os.tmpdir(), 'cfngen-artifacts');
const WEB = path.join(APP, 'web');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

// The page's folder as the bucket serves it, and config.json as the
// deployment writes it (here: the local API and sign-in).
let site;
before(async () => {
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://page.local');
    if (pathname === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ apiUrl: `${h.api.endpoint}/`, signInUrl: h.cognito.endpoint, clientId: h.CLIENT, redirectUri: `${site.origin}/`, coins: 'BTC,ETH,SOL' }));
    }
    const file = path.join(WEB, pathname === '/' ? 'index.html' : path.normalize(pathname).replace(/^[/\\]+/, ''));
    if (!file.startsWith(WEB) || !fs.existsSync(file)) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  site = { origin: await listen(server), close: () => new Promise((r) => server.close(r)) };
});
const { useWebHarness } = require('../handlers/support/web-harness');

const h = useWebHarness({ origin: () => site.origin });
let browser;
before(async () => { browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }); });
after(async () => { await browser.close(); await site.close(); });

async function signedInPage(viewport) {
  h.pool.users.get('alice@example.com') || h.pool.addUser('alice@example.com', 'Correct-Horse-9');
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  await page.goto(`${site.origin}/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill('alice@example.com');
  await page.getByLabel('Password').fill('Correct-Horse-9');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Your alerts' }).waitFor();
  assert.equal(new URL(page.url()).search, '', 'the code is taken out of the address bar');
  return { page, problems };
}

const badge = (page) => page.locator('#alerts .badge').first();

describe('the web page', () => {
  test('sign in, create an alert by keyboard, see it ACTIVE, then TRIGGERED with its trigger', async () => {
    const { page, problems } = await signedInPage({ width: 1000, height: 900 });
    await page.getByText('No alerts yet').waitFor();
    await page.getByLabel('Coin').selectOption('BTC');
    await page.getByLabel('When the price').selectOption('above');
    await page.getByLabel('Note (optional)').fill('take profit');
    await page.getByLabel('Threshold').fill('60000');
    await page.getByLabel('Threshold').press('Enter');  // the form submits from the keyboard
    await page.locator('#alerts .badge[data-status=PENDING]').waitFor();
    assert.match(await page.locator('#alerts .condition').textContent(), /BTC above \$60,000/);

    await h.drainStream();  // the processor arms it
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('#alerts .badge[data-status=ACTIVE]').waitFor();

    await page.getByRole('button', { name: 'Email my alerts' }).click();
    await page.getByText('Your alerts are emailed to alice@example.com.').waitFor();

    h.ex.state.prices.BTC = 61250;
    await h.runChecker();
    await h.drainStream();  // the processor notifies
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('#alerts .badge[data-status=TRIGGERED]').waitFor();
    assert.equal(await badge(page).textContent(), 'Triggered');
    assert.match(await page.locator('#triggers li').first().textContent(), /BTC above \$60,000: \$61,250 at .* \(notified\)/);
    assert.equal(await page.getByRole('button', { name: /^Re-arm BTC above/ }).count(), 1);
    assert.deepEqual(h.sns.state.deliveries.map((d) => d.endpoint), ['alice@example.com']);

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'crypto-alerts-web.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('every control has a label, and on a phone nothing scrolls sideways', async () => {
    const { page, problems } = await signedInPage({ width: 375, height: 740 });
    // The notification state arrives after sign-in; its toggle is labelled
    // once shown. Controls that are not rendered (hidden) are not reachable
    // and are not in the accessibility tree, so they are not counted.
    await page.locator('#notify-toggle').waitFor();
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input:not([type=hidden]), select, button')]
      .filter((el) => el.getClientRects().length > 0)
      .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.textContent.trim()).map((el) => el.id || el.outerHTML));
    assert.deepEqual(unlabelled, []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a phone`);
    // Buttons are large enough to tap (WCAG 2.5.8: at least 24 px; these are 44).
    const smallest = await page.evaluate(() => Math.min(...[...document.querySelectorAll('button')].filter((b) => b.offsetParent).map((b) => b.getBoundingClientRect().height)));
    assert.ok(smallest >= 44, `a button is ${smallest}px high`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a refused threshold is explained beside the form, and nothing is created', async () => {
    const { page } = await signedInPage({ width: 1000, height: 900 });
    await page.getByLabel('Threshold').fill('1e5');
    await page.getByRole('button', { name: 'Create alert' }).click();
    assert.match(await page.locator('#form-error').textContent(), /positive number/);
    await page.getByLabel('Coin').selectOption('ETH');
    await page.getByLabel('When the price').selectOption('rise');
    await page.getByLabel('Within').selectOption('15m');
    await page.getByLabel('Threshold').fill('5000');
    await page.getByRole('button', { name: 'Create alert' }).click();
    assert.match(await page.locator('#form-error').textContent(), /at most 1000%/);
    assert.equal(await page.locator('#alerts li').count(), 0);
    await page.close();
  });
});
