// npm run test:e2e — browser smoke tests against the *built* site (run `npm run build` first).
//
// Serves dist/ from a tiny static server on 127.0.0.1 (a free port), launches the system Chromium
// through playwright-core (npm cannot download browsers here) and runs every test/e2e/*.e2e.mjs.
// Each test file exports `tests`: an array of { name, run(ctx) }. ctx.open(path, viewport, options)
// gives a fresh page whose console errors, page errors, failed requests and HTTP errors fail the
// test (unless the test expects them: options.allow). Helpers shared by tests live in
// test/e2e/*.mjs files that do not end in .e2e.mjs.
// Prints one line per test and then exactly `N passed, M failed`; exits 1 on any failure. When a
// test fails, a screenshot of each of its pages is saved under screenshots/failures/.
//
//   npm run test:e2e                      every test
//   npm run test:e2e -- manual phone      only tests whose name contains "manual" or "phone"
//   PAXOSCOPE_E2E_REPEAT=3 npm run test:e2e   run the whole list 3 times (a flakiness check)
//   PAXOSCOPE_E2E_VERBOSE=1 npm run test:e2e  also print the console errors a test provoked on purpose
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// PAXOSCOPE_DIST: serve another build (e.g. one built with `vite build --outDir /tmp/x`).
const distDir = process.env.PAXOSCOPE_DIST ? resolve(process.env.PAXOSCOPE_DIST) : join(root, 'dist');
const testDir = join(root, 'test', 'e2e');
const screenshotsDir = join(root, 'screenshots');
const chromiumPath = process.env.PAXOSCOPE_CHROMIUM ?? '/usr/bin/chromium';
const TEST_TIMEOUT_MS = 30_000;
/** Default wait of a single Playwright action or locator wait: fail with its own message well before the test's timeout. */
const ACTION_TIMEOUT_MS = 10_000;
/** PAXOSCOPE_E2E_VERBOSE=1 also prints the problems a test expected (and so did not fail on). */
const VERBOSE = Boolean(process.env.PAXOSCOPE_E2E_VERBOSE);
const REPEAT = Math.max(1, Number(process.env.PAXOSCOPE_E2E_REPEAT ?? 1) || 1);
const FILTERS = process.argv.slice(2).filter((a) => !a.startsWith('-')).map((a) => a.toLowerCase());
const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon', '.json': 'application/json', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2', '.webmanifest': 'application/manifest+json',
};

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(1);
}

/** dist/ is also served under this prefix (see the sub-path test in timeline.e2e.mjs). */
const SUB_PATH = '/some/sub/path/paxoscope/';

/** A static file server for dist/ that never serves anything outside it. */
function startServer() {
  const server = createServer(async (req, res) => {
    try {
      let pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      // The build must work from any sub-path of a static host: serve it under one as well.
      if (pathname.startsWith(SUB_PATH)) pathname = pathname.slice(SUB_PATH.length - 1);
      let file = normalize(join(distDir, pathname));
      if (relative(distDir, file).startsWith('..') || (file !== distDir && !file.startsWith(distDir + sep))) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, bad) => {
    server.once('error', bad);
    server.listen(0, '127.0.0.1', () => ok(server));
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, bad) => { timer = setTimeout(() => bad(new Error(`${what} timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

async function loadTests() {
  const files = readdirSync(testDir).filter((f) => f.endsWith('.e2e.mjs')).sort();
  if (files.length === 0) fail(`no test files (*.e2e.mjs) in ${relative(root, testDir)}`);
  const tests = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(join(testDir, f)).href);
    if (!Array.isArray(mod.tests)) fail(`${f} must export \`tests\`, an array of { name, run }`);
    for (const t of mod.tests) tests.push({ ...t, name: `${f.replace(/\.e2e\.mjs$/, '')}: ${t.name}` });
  }
  const chosen = FILTERS.length === 0 ? tests : tests.filter((t) => FILTERS.some((f) => t.name.toLowerCase().includes(f)));
  if (chosen.length === 0) fail(`no test name contains ${FILTERS.map((f) => JSON.stringify(f)).join(' or ')}`);
  return chosen;
}

const safeName = (name) => name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 100);

async function main() {
  if (!existsSync(join(distDir, 'index.html'))) {
    fail('dist/index.html not found. Build the site first: npm run build && npm run test:e2e');
  }
  if (!existsSync(chromiumPath)) {
    fail(`Chromium not found at ${chromiumPath}. Install it (apt-get install -y chromium) or set PAXOSCOPE_CHROMIUM.`);
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    fail('playwright-core is not installed: run npm install (or npm ci) first');
  }
  const tests = await loadTests();
  mkdirSync(screenshotsDir, { recursive: true });

  let server = null;
  let browser = null;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    browser = null;
    if (server) {
      server.closeAllConnections();
      await new Promise((ok) => server.close(() => ok()));
      server = null;
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => { void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143)); });
  }

  let passed = 0;
  let failed = 0;
  const runStarted = Date.now();
  try {
    server = await startServer();
    const baseURL = `http://127.0.0.1:${server.address().port}/`;
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
    console.log(`e2e: serving dist/ at ${baseURL}, Chromium ${browser.version()}`);

    const runList = Array.from({ length: REPEAT }, () => tests).flat();
    for (const t of runList) {
      const started = Date.now();
      const contexts = [];
      const pages = [];
      const problems = [];
      /** Problems (console errors, HTTP errors …) a test provoked on purpose: matched, not reported. */
      const allowed = [];
      const report = (text) => {
        if (!allowed.some((re) => re.test(text))) problems.push(text);
        else if (VERBOSE) console.log(`        (expected) ${text}`);
      };
      const ctx = {
        baseURL,
        screenshotsDir,
        /**
         * A fresh page at `path` (relative to the site root) with its own browser context.
         * options.context: extra browser-context options (e.g. { hasTouch: true, isMobile: true });
         * options.beforeLoad(page): runs before navigation (e.g. page.route to break a request);
         * options.allow: RegExps of problem lines the test expects (e.g. /HTTP 500: .*worker/).
         */
        async open(path = '', viewport = { width: 1280, height: 800 }, options = {}) {
          allowed.push(...(options.allow ?? []));
          const context = await browser.newContext({ viewport, reducedMotion: 'no-preference', ...options.context });
          context.setDefaultTimeout(ACTION_TIMEOUT_MS);
          contexts.push(context);
          const page = await context.newPage();
          pages.push(page);
          page.on('console', (m) => { if (m.type() === 'error') report(`console error: ${m.text()}`); });
          page.on('pageerror', (e) => report(`page error: ${e.message}`));
          page.on('requestfailed', (r) => report(`request failed: ${r.url()} (${r.failure()?.errorText})`));
          page.on('response', (r) => { if (r.status() >= 400) report(`HTTP ${r.status()}: ${r.url()}`); });
          if (options.beforeLoad) await options.beforeLoad(page);
          await page.goto(new URL(path, baseURL).href, { waitUntil: 'load' });
          return page;
        },
      };
      try {
        await withTimeout(t.run(ctx), TEST_TIMEOUT_MS, 'test');
        if (problems.length > 0) throw new Error(problems.join('\n'));
        passed++;
        console.log(`  ok    ${t.name} (${Date.now() - started} ms)`);
      } catch (e) {
        failed++;
        console.log(`  FAIL  ${t.name} (${Date.now() - started} ms)`);
        const message = e instanceof Error ? e.message : String(e);
        console.log(message.split('\n').map((l) => `        ${l}`).join('\n'));
        const shotsDir = join(screenshotsDir, 'failures');
        mkdirSync(shotsDir, { recursive: true });
        for (const [i, p] of pages.entries()) {
          const file = join(shotsDir, `${safeName(t.name)}${pages.length > 1 ? `-${i + 1}` : ''}.png`);
          if (await p.screenshot({ path: file, timeout: 5_000 }).then(() => true, () => false)) {
            console.log(`        screenshot: ${relative(root, file)}`);
          }
        }
      } finally {
        for (const c of contexts) await c.close().catch(() => {});
      }
    }
  } catch (e) {
    failed++;
    console.error(`e2e: could not run the browser tests: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await cleanup();
  }
  console.log(`e2e: ${passed + failed} tests in ${((Date.now() - runStarted) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
