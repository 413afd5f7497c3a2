// Drives newsdesk's reader in headless Chromium: load /, search, open an article, see its
// "Also published by" list and its "You May Also Like" rail, then save screenshots.
//
//   NEWSDESK_BIN=target/release/newsdesk node tests/browser/reader.test.mjs
//
// The pages come from the labelled collection the Rust tests use
// (crates/newsdesk-serve/tests/fixtures/related.txt), ingested with `newsdesk ingest` and
// served with `newsdesk serve`: the real binary, the real browser.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const bin = resolve(root, process.env.NEWSDESK_BIN || 'target/release/newsdesk');
const shots = resolve(root, process.env.SCREENSHOT_DIR || 'docs/img');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

function fail(msg) {
  console.error(`reader test: FAIL: ${msg}`);
  process.exitCode = 1;
  throw new Error(msg);
}
function check(cond, msg) {
  if (!cond) fail(msg);
  console.log(`ok - ${msg}`);
}

// The collection: `## topic`, `= title`, then paragraphs (same format the Rust tests read).
function collection() {
  const text = readFileSync(join(root, 'crates/newsdesk-serve/tests/fixtures/related.txt'), 'utf8');
  const out = [];
  let topic = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('# ')) continue;
    if (line.startsWith('## ')) topic = line.slice(3);
    else if (line.startsWith('= ')) out.push({ topic, title: line.slice(2), paragraphs: [] });
    else if (out.length) out[out.length - 1].paragraphs.push(line);
  }
  return out;
}

const SITES = [
  ['The Harbour Gazette', 'harbour-gazette.example'],
  ['Northern Courier', 'northern-courier.example'],
  ['Plains Daily Record', 'plains-record.example'],
  ['Riverbend Times', 'riverbend-times.example'],
];

function page(site, url, title, author, date, paragraphs, credit, image) {
  const body = paragraphs.map((p) => `<p>${p}</p>`).join('\n');
  const img = image
    ? `<figure><img src="${image}" alt="Smoke rises over a ridge at dusk"><figcaption>Smoke over the ridge on Tuesday evening. Photo: Lena Park / ${site}</figcaption></figure>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${title} | ${site}</title>
<meta property="og:site_name" content="${site}">
<meta property="article:published_time" content="${date}T08:00:00Z">
<meta name="author" content="${author}">
${image ? `<meta property="og:image" content="${image}">` : ''}
<link rel="canonical" href="${url}">
</head><body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>${title}</h1><p class="byline">By ${author}</p>${img}
${body}
${credit ? `<p><em>${credit}</em></p>` : ''}
</article></main><footer><p>© ${site}</p></footer></body></html>`;
}

// The lead image, served from loopback so the screenshot shows one without network access.
function svgImage() {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="600"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f3a25b"/><stop offset="1" stop-color="#6b3a2a"/></linearGradient></defs><rect width="1200" height="600" fill="url(#g)"/><path d="M0 460 L260 300 L420 390 L640 220 L860 380 L1000 300 L1200 420 L1200 600 L0 600Z" fill="#2f2320"/></svg>`;
  return svg;
}

function imageServer() {
  return new Promise((res) => {
    const s = createHttpServer((req, resp) => {
      resp.writeHead(200, { 'content-type': 'image/svg+xml' });
      resp.end(svgImage());
    });
    s.listen(0, '127.0.0.1', () => res(s));
  });
}

function writePages(dir, imageUrl) {
  mkdirSync(dir, { recursive: true });
  collection().forEach((a, i) => {
    const [site, host] = SITES[i % SITES.length];
    const day = String(1 + ((i * 5) % 27)).padStart(2, '0');
    const slug = a.title.toLowerCase().replace(/[^a-z0-9]/g, '-');
    const url = `https://${host}/news/${slug}`;
    const author = ['Ana Ruiz', 'Ben Okoro', 'Chloe Tan', 'Dev Mehta'][Math.floor(i / 3) % 4];
    const image = i === 0 ? imageUrl : null;
    writeFileSync(join(dir, `${String(i).padStart(3, '0')}.html`),
      page(site, url, a.title, author, `2024-03-${day}`, a.paragraphs, null, image));
    if (i % 4 === 0) {
      for (const c of [1, 2]) {
        const [csite, chost] = SITES[(i + c) % SITES.length];
        const cday = String(2 + ((i * 5) % 27)).padStart(2, '0');
        writeFileSync(join(dir, `${String(i).padStart(3, '0')}-copy${c}.html`),
          page(csite, `https://${chost}/wire/${slug}`, a.title, author, `2024-03-${cday}`,
            a.paragraphs, `This story was first published by ${site}.`, image));
      }
    }
  });
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function waitHealthy(base, server) {
  for (let i = 0; i < 200; i++) {
    if (server.exitCode !== null) fail(`newsdesk serve exited with ${server.exitCode}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  fail('newsdesk serve did not become healthy');
}

const work = mkdtempSync(join(tmpdir(), 'newsdesk-reader-'));
let server;
let context;
const images = await imageServer();
try {
  writePages(join(work, 'pages'), `http://127.0.0.1:${images.address().port}/ridge.svg`);
  const ingest = spawnSync(bin, ['ingest', join(work, 'pages'), '--data', join(work, 'data'), '-q'],
    { stdio: 'inherit' });
  check(ingest.status === 0, 'newsdesk ingest loaded the collection');

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  server = spawn(bin, ['serve', '--data', join(work, 'data'), '--addr', `127.0.0.1:${port}`],
    { stdio: ['ignore', 'inherit', 'inherit'] });
  await waitHealthy(base, server);

  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    javaScriptEnabled: false, // the reader must work without it
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--no-first-run', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  const tab = context.pages()[0] || (await context.newPage());

  // The front page: latest stories and a labelled search box.
  let resp = await tab.goto(`${base}/`);
  check(resp.status() === 200, 'GET / answers 200');
  check((await tab.locator('h1').innerText()) === 'Latest stories', '/ shows the latest stories');
  check((await tab.locator('ol.list > li').count()) >= 20, '/ lists stories');
  check((await tab.locator('html').getAttribute('lang')) === 'en', 'the page declares its language');
  check((await tab.getByRole('searchbox', { name: 'Search articles' }).count()) === 1,
    'the search box has an accessible name');

  // Search by submitting the form (no JavaScript: a plain GET form).
  await tab.getByRole('searchbox', { name: 'Search articles' }).fill('ridge fire');
  await Promise.all([tab.waitForURL(/\/search\?q=/), tab.getByRole('button', { name: 'Search' }).click()]);
  check((await tab.locator('h1').innerText()).includes('ridge fire'), 'the search page names the query');
  const results = tab.locator('ol.results > li');
  check((await results.count()) >= 1, 'the search finds articles');

  // Open the first result: the article, its copies and its related rail.
  await Promise.all([tab.waitForURL(/\/a\/[0-9a-f]{16}$/), results.first().locator('a').first().click()]);
  check((await tab.locator('article h1').innerText()).toLowerCase().includes('fire'), 'the article page shows the headline');
  check((await tab.locator('article .authors').innerText()).length > 0, 'the article shows its authors');
  check((await tab.locator('article time').count()) >= 1, 'the article shows its date');
  check((await tab.locator('article figure img').count()) >= 1, 'the article shows its lead image');
  check((await tab.locator('article figcaption').first().innerText()).includes('Photo'), 'the image has its caption and credit');
  const copies = tab.locator('section.copies li');
  check((await copies.count()) === 2, '"Also published by" lists the two other outlets');
  const rail = tab.locator('aside.related li');
  check((await rail.count()) >= 3, 'the "You May Also Like" rail is shown');
  const railText = (await tab.locator('aside.related').innerText()).toLowerCase();
  check(/fire|blaze|smoke|wildfire/.test(railText), 'the rail holds related (fire) stories');
  check((await tab.locator('script').count()) === 0, 'the page has no script');
  const altless = await tab.locator('img:not([alt])').count();
  check(altless === 0, 'every image has alt text');

  mkdirSync(shots, { recursive: true });
  await tab.screenshot({ path: join(shots, 'reader.png'), fullPage: true });
  await tab.setViewportSize({ width: 390, height: 844 });
  await tab.screenshot({ path: join(shots, 'reader-mobile.png'), fullPage: false });
  const overflow = await tab.evaluate(() => document.documentElement.scrollWidth);
  check(overflow <= 390, 'no horizontal scrolling on a phone-sized screen');
  console.log(`screenshots: ${join(shots, 'reader.png')}, ${join(shots, 'reader-mobile.png')}`);

  // Follow a related link: it leads to another article with its own rail.
  await tab.setViewportSize({ width: 1280, height: 900 });
  await Promise.all([tab.waitForURL(/\/a\/[0-9a-f]{16}$/), rail.first().locator('a').click()]);
  check((await tab.locator('aside.related li').count()) >= 1, 'a related article has its own rail');
  console.log('reader test: ok');
} finally {
  if (context) await context.close().catch(() => {});
  if (server && server.exitCode === null) server.kill('SIGTERM');
  images.close();
  rmSync(work, { recursive: true, force: true });
}
