// Shared helpers for the browser tests (not a test file itself: the runner loads only *.e2e.mjs).
// Everything is found the way a user or a screen reader finds it: roles and accessible names,
// labels and visible text. Waits poll visible state; there are no fixed sleeps.
import { join } from 'node:path';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
/** Browser-context options for a phone: touch events and a mobile viewport. */
export const PHONE_CONTEXT = { hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Poll `read()` until `ok(value)` holds, and return the value. On timeout, the error says what was
 * awaited and what was last seen — far more useful than "timed out".
 */
export async function eventually(read, ok, what, timeoutMs = 8_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch (e) {
      last = `(could not read: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

/**
 * Open the app and wait until it is live: the worker's first frame is drawn and the opening move
 * (a client asked A to write "X"; A's prepares are on the wire, paused) is on screen.
 */
export async function openApp(ctx, viewport = DESKTOP, options = {}) {
  const page = await ctx.open('', viewport, options);
  await message(page, 'prepare 1.A', 'A', 'B').waitFor();
  await message(page, 'prepare 1.A', 'A', 'C').waitFor();
  return page;
}

export async function screenshot(page, ctx, name, options = {}) {
  await page.screenshot({ path: join(ctx.screenshotsDir, `${name}.png`), ...options });
}

// --- the graph ---------------------------------------------------------------------------------

/** A node of the graph: a button named "Node A, up, proposer 1.A …". */
export const nodeButton = (page, id) => page.getByRole('group', { name: /^Cluster of \d+ nodes$/ })
  .getByRole('button', { name: new RegExp(`^Node ${id}, `) });

export const nodeName = (page, id) => nodeButton(page, id).getAttribute('aria-label', { timeout: 2_000 });

/** Wait until node `id`'s accessible name matches `re`; returns the name. */
export function waitForNode(page, id, re, timeoutMs) {
  return eventually(() => nodeName(page, id), (name) => re.test(name ?? ''), `node ${id}'s accessible name to match ${re}`, timeoutMs);
}

/** A message pill on the wire: a button named "prepare 1.A, from A to B". */
export const message = (page, text, from, to) => page.getByRole('group', { name: 'Messages in flight' })
  .getByRole('button', { name: `${text}, from ${from} to ${to}`, exact: true });

// --- toolbar -----------------------------------------------------------------------------------

export const toolbar = (page) => page.getByRole('region', { name: 'Simulation controls' });

export async function setSpeed(page, speed = 10) {
  const select = toolbar(page).getByRole('combobox', { name: 'Speed' });
  await select.selectOption(String(speed));
  await eventually(() => select.inputValue(), (v) => v === String(speed), `the speed to be ${speed}×`);
}

export async function play(page) {
  await toolbar(page).getByRole('button', { name: 'Play', exact: true }).click();
  await toolbar(page).getByRole('button', { name: 'Pause', exact: true }).waitFor();
}

/** The simulated time, from the toolbar's clock ("Simulated time: tick 123"). */
export async function simTime(page) {
  const label = await toolbar(page).getByLabel(/^Simulated time: tick \d+$/).getAttribute('aria-label', { timeout: 2_000 });
  return Number(/tick (\d+)/.exec(label ?? '')?.[1] ?? NaN);
}

/** "Restart run": the same seed, no client request yet. */
export async function restartRun(page) {
  await toolbar(page).getByRole('button', { name: 'Restart run' }).click();
  await page.getByText('Nothing has happened yet: press Play or Step.').waitFor();
  await waitForNode(page, 'A', /^Node A, up, no promise, nothing accepted$/);
}

// --- client panel ------------------------------------------------------------------------------

export const clientPanel = (page) => page.getByRole('region', { name: 'Client' });

export async function clientWrite(page, node, value) {
  const panel = clientPanel(page);
  await panel.getByRole('combobox', { name: 'At node' }).selectOption(node);
  await panel.getByRole('textbox', { name: 'Value' }).fill(value);
  await panel.getByRole('button', { name: `Write at ${node}` }).click();
  await waitForLog(page, `client asks ${node} to write "${value}"`);
}

export async function clientRead(page, node) {
  const panel = clientPanel(page);
  await panel.getByRole('combobox', { name: 'At node' }).selectOption(node);
  await panel.getByRole('button', { name: `Read at ${node}` }).click();
  await waitForLog(page, new RegExp(`client asks ${node} to read \\(read #\\d+\\)`));
}

/** A finished or pending read in the client panel's "Reads" list, by its visible text. */
export const readItem = (page, text) => clientPanel(page).getByRole('list', { name: 'Reads' }).getByRole('listitem').filter({ hasText: text });

// --- inspector and node actions ----------------------------------------------------------------

/** The inspector is a region named after what it shows: "Inspector", "Node B", "Message #3". */
export const inspector = (page, title) => page.getByRole('region', { name: title, exact: true });

/** Click a node and wait for the inspector to show it. */
export async function selectNode(page, id) {
  await nodeButton(page, id).click();
  await inspector(page, `Node ${id}`).waitFor();
  return inspector(page, `Node ${id}`);
}

/** Crash a node with the inspector's "Crash node" button. */
export async function crashWithInspector(page, id) {
  const panel = await selectNode(page, id);
  await panel.getByRole('group', { name: `Actions on node ${id}` }).getByRole('button', { name: 'Crash node' }).click();
  await waitForNode(page, id, new RegExp(`^Node ${id}, crashed, `));
  await waitForLog(page, `${id} crashes (loses what is not on disk)`);
}

/** Crash a node from its right-click menu. */
export async function crashWithContextMenu(page, id) {
  await nodeButton(page, id).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: `Node ${id}` });
  await menu.getByRole('menuitem', { name: /^Crash node/ }).click();
  await menu.waitFor({ state: 'detached' });
  await waitForNode(page, id, new RegExp(`^Node ${id}, crashed, `));
}

// --- safety panel ------------------------------------------------------------------------------

export const safetyPanel = (page) => page.getByRole('region', { name: 'Safety' });

/** Wait until the safety panel says `value` is chosen at `ballot` (innerText: CSS may upper-case labels). */
export function waitForChosen(page, value, ballot, timeoutMs) {
  const re = new RegExp(`Chosen value\\s+${escapeRe(value)}\\s+at ballot ${escapeRe(ballot)}\\b`, 'i');
  return eventually(() => safetyPanel(page).innerText(), (t) => re.test(t), `the safety panel to show "${value}" chosen at ballot ${ballot}`, timeoutMs);
}

/** The "Learned" chip of a node, by its accessible name ("A: learned X", "C: crashed", "B: not yet"). */
export const learnedChip = (page, name) => safetyPanel(page).getByRole('list', { name: 'What each node has learned' })
  .getByRole('listitem', { name, exact: true });

// --- event log ---------------------------------------------------------------------------------

export const eventLog = (page) => page.getByRole('list', { name: 'Event log' });

/** Wait for a line of the event log (text or RegExp; Playwright normalises whitespace). */
export async function waitForLog(page, text, timeoutMs) {
  await eventLog(page).getByText(text).first().waitFor(timeoutMs ? { timeout: timeoutMs } : {});
}

export async function logHas(page, text) {
  return (await eventLog(page).getByText(text).count()) > 0;
}

// --- layout ------------------------------------------------------------------------------------

export async function assertNoHorizontalScroll(page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert(scrollWidth <= clientWidth, `the page scrolls sideways: ${scrollWidth}px of content in ${clientWidth}px`);
}
