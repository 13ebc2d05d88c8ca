// The space-time (Lamport) diagram in a real browser: it draws the run as it plays, hovering an
// arrow highlights the same message in the graph (and the arrow), clicking one travels back in
// time to when it was on the wire, and the diagram downloads as SVG and PNG.
import { readFile } from 'node:fs/promises';
import {
  assert, DESKTOP, eventually, openApp, PHONE, PHONE_CONTEXT, play, screenshot, setSpeed, toolbar, waitForChosen,
} from './helpers.mjs';

/** The diagram's region, found by its heading. */
const diagram = (page) => page.getByRole('region', { name: 'Space-time diagram' });
const arrowCount = (page, outcome) => diagram(page).locator(outcome ? `[data-arrow][data-outcome="${outcome}"]` : '[data-arrow]').count();

async function pause(page) {
  await toolbar(page).getByRole('button', { name: 'Pause', exact: true }).click();
  await toolbar(page).getByRole('button', { name: 'Play', exact: true }).waitFor();
}

export const tests = [
  {
    name: 'the diagram draws the run; hovering an in-flight arrow highlights its pill in the graph',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      const region = diagram(page);
      await region.scrollIntoViewIfNeeded();
      // The opening move: A's two prepares are on the wire, drawn as in-flight arrows.
      await eventually(() => arrowCount(page, 'in-flight'), (n) => n === 2, 'two in-flight arrows for A\'s prepares');
      const label = await region.getByRole('img').getAttribute('aria-label');
      assert(/^Space-time diagram of 3 nodes \(A, B, C\)/.test(label ?? ''), `unexpected summary: ${label}`);

      // Hover the first in-flight arrow: the graph's pill of the same message lights up.
      const arrow = region.locator('[data-arrow][data-outcome="in-flight"]').first();
      const id = await arrow.getAttribute('data-arrow');
      await arrow.locator('.st-hit').hover({ force: true });
      await eventually(() => arrow.getAttribute('class'), (c) => /is-hot/.test(c ?? ''), 'the hovered arrow to be highlighted');
      const pill = page.locator(`.pg-messages [data-message="${id}"]`);
      await eventually(() => pill.getAttribute('class'), (c) => /is-hovered/.test(c ?? ''), `the pill of message ${id} to be highlighted in the graph`);
      await region.getByRole('status').filter({ hasText: /^prepare 1\.A {2}A→[BC] {2}sent t=0, in flight, due t=\d+$/ }).waitFor();
      await screenshot(page, ctx, 'spacetime-desktop-1280x800-hover-inflight');
      await page.mouse.move(5, 5);
      await eventually(() => pill.getAttribute('class'), (c) => !/is-hovered/.test(c ?? ''), 'the pill highlight to clear when the pointer leaves');

      // Play until a value is chosen: delivered arrows and the chosen mark appear.
      await setSpeed(page, 10);
      await play(page);
      await waitForChosen(page, 'X', '1.A');
      await pause(page);
      await eventually(() => arrowCount(page, 'delivered'), (n) => n >= 6, 'at least six delivered arrows');
      await region.getByText(/★ "X" chosen \(1\.A\)/).waitFor();
      await screenshot(page, ctx, 'spacetime-desktop-1280x800-chosen');
    },
  },
  {
    name: 'clicking a delivered arrow travels back to when it was on the wire and selects it',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      await setSpeed(page, 10);
      await play(page);
      await waitForChosen(page, 'X', '1.A');
      await pause(page);
      const region = diagram(page);
      await region.scrollIntoViewIfNeeded();
      const arrow = region.locator('[data-arrow][data-outcome="delivered"]').first();
      const id = await arrow.getAttribute('data-arrow');
      await arrow.locator('.st-hit').click({ force: true });
      // The view went back: that message is in flight again, selected in the graph and the diagram.
      const pill = page.locator(`.pg-messages [data-message="${id}"]`);
      await eventually(() => pill.getAttribute('class'), (c) => /is-selected/.test(c ?? ''), `the pill of message ${id} to be in flight and selected`);
      await eventually(() => region.locator(`[data-arrow="${id}"]`).getAttribute('data-outcome'), (o) => o === 'in-flight', 'the clicked arrow to be in flight');
      await page.getByRole('region', { name: `Message #${id}`, exact: true }).waitFor();
    },
  },
  {
    name: 'Export SVG and Export PNG download the diagram',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      const region = diagram(page);
      await region.scrollIntoViewIfNeeded();
      await eventually(() => arrowCount(page), (n) => n >= 2, 'arrows in the diagram');

      const [svgDownload] = await Promise.all([
        page.waitForEvent('download'),
        region.getByRole('button', { name: 'Export SVG' }).click(),
      ]);
      assert(svgDownload.suggestedFilename() === 'paxoscope-spacetime.svg', `SVG file name: ${svgDownload.suggestedFilename()}`);
      const svg = await readFile(await svgDownload.path(), 'utf8');
      assert(svg.startsWith('<?xml') && svg.includes('<svg') && svg.includes('xmlns="http://www.w3.org/2000/svg"'), 'the SVG file is not a standalone SVG');
      const arrows = (svg.match(/data-arrow="/g) ?? []).length;
      assert(arrows === await arrowCount(page), `the SVG has ${arrows} arrows, the page ${await arrowCount(page)}`);
      // It parses as XML in the browser too.
      const parsedOk = await page.evaluate((text) => !new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror'), svg);
      assert(parsedOk, 'the exported SVG is not well-formed XML');

      const [pngDownload] = await Promise.all([
        page.waitForEvent('download'),
        region.getByRole('button', { name: 'Export PNG' }).click(),
      ]);
      assert(pngDownload.suggestedFilename() === 'paxoscope-spacetime.png', `PNG file name: ${pngDownload.suggestedFilename()}`);
      const png = await readFile(await pngDownload.path());
      assert(png.subarray(1, 4).toString('latin1') === 'PNG', 'the PNG file is not a PNG');
      // 2× the on-screen size.
      const width = png.readUInt32BE(16);
      const onScreen = Number(await region.locator('svg.st-svg').getAttribute('width'));
      assert(width === Math.round(onScreen * 2), `PNG width ${width}, expected 2 × ${onScreen}`);
    },
  },
  {
    name: 'phone: the diagram fits the width and shows the run',
    async run(ctx) {
      const page = await openApp(ctx, PHONE, { context: PHONE_CONTEXT });
      await setSpeed(page, 10);
      await play(page);
      await waitForChosen(page, 'X', '1.A');
      await pause(page);
      const region = diagram(page);
      await region.scrollIntoViewIfNeeded();
      const box = await region.locator('svg.st-svg').boundingBox();
      assert(box && box.x >= 0 && box.x + box.width <= PHONE.width + 0.5, `the diagram does not fit the phone's width: ${JSON.stringify(box)}`);
      await eventually(() => arrowCount(page, 'delivered'), (n) => n >= 6, 'delivered arrows on the phone');
      await region.screenshot({ path: `${ctx.screenshotsDir}/spacetime-phone-390x844.png` });
    },
  },
];
