// Browser smoke test of the built placeholder page (run by scripts/e2e.mjs: `npm run test:e2e`).
// Console errors, page errors and failed requests fail a test automatically (see scripts/e2e.mjs).
import { join } from 'node:path';

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 390, height: 844 };

async function noHorizontalScroll(page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert(scrollWidth <= clientWidth, `the page scrolls sideways: ${scrollWidth}px of content in ${clientWidth}px`);
}

export const tests = [
  {
    name: 'page loads; title and heading say Paxoscope',
    async run({ open }) {
      const page = await open('', DESKTOP);
      const title = await page.title();
      assert(title.includes('Paxoscope'), `title is ${JSON.stringify(title)}, expected it to contain "Paxoscope"`);
      const h1 = (await page.locator('h1').innerText()).trim();
      assert(h1 === 'Paxoscope', `h1 is ${JSON.stringify(h1)}`);
    },
  },
  {
    name: 'live demo computed by the core shows chosen value "X" and its trace',
    async run({ open, screenshotsDir }) {
      const page = await open('', DESKTOP);
      const chosen = page.getByTestId('chosen-value');
      await chosen.waitFor({ state: 'visible', timeout: 5000 });
      const value = (await chosen.innerText()).trim();
      assert(value === 'X', `chosen value is ${JSON.stringify(value)}, expected "X"`);
      const trace = await page.getByTestId('trace').innerText();
      assert(trace.includes('CHOSEN: "X" at ballot 1.A'), 'the trace has no CHOSEN line for "X"');
      assert(trace.includes('read #1 at C returns "X"'), 'the trace does not show the read at C returning "X"');
      const lines = await page.getByTestId('trace').locator('li').count();
      assert(lines === 48, `the trace has ${lines} lines, expected 48 (as \`npm run scenario -- test/scenarios/happy-path.json\`)`);
      await noHorizontalScroll(page);
      await page.screenshot({ path: join(screenshotsDir, 'desktop-1280x800.png') });
    },
  },
  {
    name: 'phone-sized viewport (390x844) renders without sideways scrolling',
    async run({ open, screenshotsDir }) {
      const page = await open('', MOBILE);
      await page.getByTestId('chosen-value').waitFor({ state: 'visible', timeout: 5000 });
      await noHorizontalScroll(page);
      await page.screenshot({ path: join(screenshotsDir, 'mobile-390x844.png') });
      await page.screenshot({ path: join(screenshotsDir, 'mobile-390x844-full.png'), fullPage: true });
    },
  },
];
