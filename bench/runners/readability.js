#!/usr/bin/env node
// The runner for readability.js (Mozilla's Readability over a jsdom document) in the newsdesk
// benchmark. Same interface as py_runner.py:
//
//   node readability.js --pages PAGES.jsonl --out PRED.jsonl --meta META.json
//                       [--passes N] [--warmup N] [--warmup-pages N]
//
// Runs `warmup` untimed passes (over the first `warmup-pages` pages, 0 = all) and `passes` timed
// passes over all pages. Each decoded UTF-8 page is read from disk before its call, outside the
// timing; the output kept is the first timed pass's. The timed call is what a user of readability.js runs
// for a page held in memory: build the jsdom document from the HTML string (with the page's URL)
// and `new Readability(doc).parse().textContent`. A throw = empty output for that page.
'use strict';
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : dflt;
}
const pagesPath = arg('--pages');
const outPath = arg('--out');
const metaPath = arg('--meta');
const passes = parseInt(arg('--passes', '3'), 10);
const warmup = parseInt(arg('--warmup', '1'), 10);
const warmupPages = parseInt(arg('--warmup-pages', '0'), 10);
if (!pagesPath || !outPath || !metaPath) {
  console.error('usage: readability.js --pages FILE --out FILE --meta FILE [--passes N] [--warmup N]');
  process.exit(2);
}

function pkgVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'node_modules', name, 'package.json'), 'utf8')).version;
}

const pages = fs.readFileSync(pagesPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
  const rec = JSON.parse(l);
  // Some datasets use pseudo-URLs as ids ("hard::name.html"): those are not passed on.
  const url = /^https?:\/\//i.test(rec.url || '') ? rec.url : undefined;
  return { id: rec.id, url, file: rec.decoded || rec.path };
});

// Pages' console output and CSS parse errors are not the benchmark's business.
const virtualConsole = new VirtualConsole();

function extract(page) {
  const dom = new JSDOM(page.html, { url: page.url, virtualConsole });
  try {
    const article = new Readability(dom.window.document).parse();
    return article && article.textContent ? article.textContent : '';
  } finally {
    dom.window.close();
  }
}

const outputs = new Array(pages.length).fill(null);
const errors = new Map();
const times = pages.map(() => []);
// jsdom releases a closed window only once the event loop turns: without this yield between pages
// (outside the timing) the heap grows by megabytes a page and the process dies on a large set.
const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

async function runAll() {
  for (let p = 0; p < warmup + passes; p++) {
    for (let i = 0; i < pages.length; i++) {
      if (p < warmup && warmupPages > 0 && i >= warmupPages) break;
      // Read outside the timing, page by page (the peak RSS is not the whole dataset's).
      const page = { id: pages[i].id, url: pages[i].url, html: fs.readFileSync(pages[i].file, 'utf8') };
      let text = '';
      const t0 = performance.now();
      try {
        text = extract(page);
      } catch (e) {
        if (p >= warmup && !errors.has(page.id)) errors.set(page.id, String(e && e.message ? e.message : e).slice(0, 300));
      }
      const ms = performance.now() - t0;
      if (p >= warmup) times[i].push(ms);
      if (p >= warmup && outputs[i] === null) outputs[i] = text;
      await yieldToEventLoop();
    }
  }
}

function median(v) {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return 0;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function writeResults(wall) {
  fs.writeFileSync(outPath, pages.map((page, i) => JSON.stringify(Object.assign({ id: page.id, text: outputs[i] || '', ms: median(times[i]) }, errors.has(page.id) ? { error: errors.get(page.id) } : {}))).join('\n') + '\n');
  fs.writeFileSync(metaPath, JSON.stringify({
    extractor: 'readability.js',
    version: `${pkgVersion('@mozilla/readability')} (jsdom ${pkgVersion('jsdom')})`,
    runtime: `Node.js ${process.version}`,
    task: 'body',
    pages: pages.length,
    passes,
    warmup,
    warmup_pages: warmup ? (warmupPages ? Math.min(warmupPages, pages.length) : pages.length) : 0,
    peak_rss_kb: process.resourceUsage().maxRSS,
    wall_s: wall,
    errors: errors.size,
    timeouts: 0,
    failed_pages: [...errors].map(([id, error]) => ({ id, error })),
  }, null, 2));
}

const started = performance.now();
runAll().then(() => writeResults((performance.now() - started) / 1000)).catch((e) => {
  console.error(e);
  process.exit(1);
});
