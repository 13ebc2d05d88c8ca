// Share links, in a real browser: a run made with the UI (a write, a dropped message, a crashed
// node, some steps) is shared, opened in a fresh browser, and shows the same moment with the same
// run fingerprint. Bad links (garbage, cut off, a script in the title) show a plain message and
// leave a working app — and the user's work in the same tab survives a bad link pasted over it.
import {
  assert, crashWithInspector, DESKTOP, eventLog, eventually, message, openApp, PHONE, PHONE_CONTEXT, screenshot, toolbar,
  waitForLog, waitForNode,
} from './helpers.mjs';

const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

const header = (page) => page.getByRole('group', { name: 'Share and save' });
const headerButton = (page, name) => header(page).getByRole('button', { name, exact: true });
const shareDialog = (page) => page.getByRole('dialog', { name: 'Share this run' });
const banner = (page, role, text) => page.getByRole(role).filter({ hasText: text });
const logLength = (page) => eventLog(page).getByRole('listitem').count();

/** Press Share; returns what the popover says: the link, its step "P of N" and the run fingerprint. */
async function share(page) {
  await headerButton(page, 'Share').click();
  const dialog = shareDialog(page);
  await dialog.waitFor();
  const field = dialog.getByRole('textbox', { name: 'Link to this run' });
  await eventually(() => field.inputValue(), (v) => /#s=1\./.test(v), 'the link in the share popover');
  const text = await eventually(() => dialog.innerText(), (t) => /Run fingerprint [0-9a-f]{16}/.test(t), 'the run fingerprint');
  return {
    url: await field.inputValue(),
    step: /Opens at step (\d+ of \d+)/.exec(text)?.[1],
    fingerprint: /Run fingerprint ([0-9a-f]{16})/.exec(text)?.[1],
    text,
  };
}

async function closeShare(page) {
  await page.keyboard.press('Escape');
  await shareDialog(page).waitFor({ state: 'detached' });
}

/** The user's work: drop A's prepare to C, crash B, step three times. */
async function makeWork(page) {
  await message(page, 'prepare 1.A', 'A', 'C').click();
  const panel = page.getByRole('region', { name: /^Message #\d+$/ });
  await panel.getByRole('button', { name: 'Drop' }).click();
  await waitForLog(page, 'lost: A → C  prepare 1.A');
  await crashWithInspector(page, 'B');
  const step = toolbar(page).getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 3; i++) await step.click();
  await waitForNode(page, 'B', /^Node B, crashed, /);
}

/** The app still works: Step moves the run on (the log grows). */
async function stillWorks(page) {
  const before = await logLength(page);
  const step = toolbar(page).getByRole('button', { name: 'Step', exact: true });
  if (await step.isEnabled()) {
    await step.click();
    await eventually(() => logLength(page), (n) => n > before, 'the event log to grow after Step');
  } else {
    await toolbar(page).getByRole('button', { name: 'Play', exact: true }).waitFor();
  }
}

export const tests = [
  {
    name: 'a shared link opens the same run at the same moment, with the same fingerprint, in a fresh browser',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP, { context: CLIPBOARD });
      await makeWork(page);
      const logLines = await logLength(page);
      const shared = await share(page);
      await shareDialog(page).getByText('Link copied — paste it anywhere.').waitFor();
      const clip = await page.evaluate(() => navigator.clipboard.readText());
      assert(clip === shared.url, `the clipboard holds ${JSON.stringify(clip)}, not the link ${JSON.stringify(shared.url)}`);
      assert(shared.url.startsWith(ctx.baseURL), `the link ${shared.url} is not on this site (${ctx.baseURL})`);
      assert(shared.url.length < 600, `the link is ${shared.url.length} characters: too long for such a short run`);
      console.log(`        share link for a write + drop + crash + 3 steps: ${shared.url.length} characters`);
      await screenshot(page, ctx, 'desktop-1280x800-share-popover');
      await closeShare(page);
      // Sharing does not touch the address bar.
      assert(!page.url().includes('#s='), `the address bar changed to ${page.url()}`);

      // A fresh browser (new context: no saved work) opens the link.
      const other = await ctx.open(new URL(shared.url).hash, DESKTOP);
      await banner(other, 'status', /Opened a shared scenario — step \d+ of \d+\./).waitFor();
      await waitForNode(other, 'B', /^Node B, crashed, /);
      await waitForLog(other, 'lost: A → C  prepare 1.A');
      await eventually(() => logLength(other), (n) => n === logLines, `${logLines} lines in the opened run's event log`);
      // The default opening did not run on top of it: exactly one client write in the log.
      assert(await eventLog(other).getByText('client asks A to write "X"').count() === 1, 'the opening write ran on top of the link');
      // The hash is gone from the address bar (a reload shows the saved run).
      await eventually(() => other.url(), (u) => !u.includes('#'), 'the hash to be cleared from the address bar');
      const again = await share(other);
      assert(again.fingerprint === shared.fingerprint, `fingerprint ${again.fingerprint} ≠ shared ${shared.fingerprint}`);
      assert(again.step === shared.step, `step ${again.step} ≠ shared ${shared.step}`);
      await closeShare(other);

      // Reload: the same run comes back (saved in this browser).
      await other.reload();
      await banner(other, 'status', 'Welcome back: your previous run is restored').waitFor();
      await waitForNode(other, 'B', /^Node B, crashed, /);
      const reloaded = await share(other);
      assert(reloaded.fingerprint === shared.fingerprint, `after reload: fingerprint ${reloaded.fingerprint} ≠ ${shared.fingerprint}`);
    },
  },
  {
    name: 'bad links (garbage, cut off, too new, script in the title) show a plain message and a working app',
    async run(ctx) {
      let dialogs = 0;
      const watch = (p) => p.on('dialog', (d) => { dialogs++; void d.dismiss(); });

      const garbage = await ctx.open('#s=1.garbage', DESKTOP, { beforeLoad: watch });
      const alert = banner(garbage, 'alert', 'This link is incomplete or damaged');
      await alert.waitFor();
      const text = await alert.innerText();
      assert(/Ask for the link again, and copy all of it\. A new run has started\./.test(text), `the error says: ${text}`);
      await message(garbage, 'prepare 1.A', 'A', 'B').waitFor(); // the default opening
      await stillWorks(garbage);
      await screenshot(garbage, ctx, 'desktop-1280x800-bad-link');
      await alert.getByRole('button', { name: 'Close this message' }).click();
      await alert.waitFor({ state: 'detached' });

      // A real link, cut off halfway while copying.
      const source = await openApp(ctx, DESKTOP);
      const { url } = await share(source);
      await closeShare(source);
      const cut = new URL(url).hash;
      const truncated = await ctx.open(cut.slice(0, Math.floor(cut.length / 2)), DESKTOP);
      await banner(truncated, 'alert', 'This link is incomplete or damaged').waitFor();
      await stillWorks(truncated);

      const newer = await ctx.open('#s=9.N4Ig', DESKTOP);
      await banner(newer, 'alert', 'This link was made by a newer version of Paxoscope.').waitFor();
      await stillWorks(newer);

      // A valid link whose title and value carry HTML: shown as text, never run.
      const evil = '<img src=x onerror=alert(1)>';
      const hostileHash = await hostileLink(source, evil);
      const hostile = await ctx.open(hostileHash, DESKTOP, { beforeLoad: watch });
      const opened = banner(hostile, 'status', 'Opened a shared scenario');
      await opened.waitFor();
      const shown = await opened.innerText();
      assert(shown.includes(`“${evil}”`), `the title is not shown literally: ${shown}`);
      assert(await hostile.locator('img[src="x"]').count() === 0, 'an <img> from the link was put into the page');
      await waitForLog(hostile, `client asks A to write "${evil}"`);
      await stillWorks(hostile);
      assert(dialogs === 0, `${dialogs} alert dialog(s) opened: script from a link ran`);
    },
  },
  {
    name: 'a bad link pasted into an open tab keeps the run; a good one replaces it, with the way back',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      await makeWork(page);
      const before = await share(page);
      await closeShare(page);
      const lines = await logLength(page);

      await page.evaluate(() => { window.location.hash = 's=1.garbage'; });
      const alert = banner(page, 'alert', 'This link is incomplete or damaged');
      await alert.waitFor();
      assert((await alert.innerText()).includes('Your current run is unchanged.'), `the error says: ${await alert.innerText()}`);
      await waitForNode(page, 'B', /^Node B, crashed, /);
      assert(await logLength(page) === lines, 'the event log changed after a bad link');
      const after = await share(page);
      assert(after.fingerprint === before.fingerprint, `the run changed: fingerprint ${after.fingerprint} ≠ ${before.fingerprint}`);
      await closeShare(page);
      await eventually(() => page.url(), (u) => !u.includes('#'), 'the bad hash to be cleared');

      // A good link (a different run) replaces it; "Back to your previous run" brings the work back.
      const other = await openApp(ctx, DESKTOP);
      const { url } = await share(other);
      await page.evaluate((h) => { window.location.hash = h; }, new URL(url).hash);
      const opened = banner(page, 'status', 'Opened a shared scenario');
      await opened.waitFor();
      await waitForNode(page, 'B', /^Node B, up, /);
      await opened.getByRole('button', { name: 'Back to your previous run' }).click();
      await banner(page, 'status', 'Your previous run is back').waitFor();
      await waitForNode(page, 'B', /^Node B, crashed, /);
      const back = await share(page);
      assert(back.fingerprint === before.fingerprint, `back: fingerprint ${back.fingerprint} ≠ ${before.fingerprint}`);
    },
  },
  {
    name: 'phone: Share, Export and Import fit the header with 44px targets; the popover and banner fit the screen',
    async run(ctx) {
      const page = await openApp(ctx, PHONE, { context: { ...PHONE_CONTEXT, ...CLIPBOARD } });
      for (const name of ['Share', 'Export', 'Import']) {
        const box = await headerButton(page, name).boundingBox();
        assert(box && box.height >= 44, `${name} is ${box?.height}px tall on a phone`);
        assert(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${name} is off screen: ${JSON.stringify(box)}`);
      }
      await share(page);
      const pop = await shareDialog(page).boundingBox();
      assert(pop && pop.x >= 0 && pop.x + pop.width <= PHONE.width, `the share popover is off screen: ${JSON.stringify(pop)}`);
      await screenshot(page, ctx, 'phone-390x844-share-popover');
      await closeShare(page);

      const bad = await ctx.open('#s=1.garbage', PHONE, { context: PHONE_CONTEXT });
      const alert = banner(bad, 'alert', 'This link is incomplete or damaged');
      await alert.waitFor();
      const box = await alert.boundingBox();
      assert(box && box.x >= 0 && box.x + box.width <= PHONE.width, `the banner is off screen: ${JSON.stringify(box)}`);
      const close = await alert.getByRole('button', { name: 'Close this message' }).boundingBox();
      assert(close && close.height >= 44 && close.width >= 44, `the close button is ${JSON.stringify(close)}`);
      await screenshot(bad, ctx, 'phone-390x844-bad-link');
    },
  },
];

/** A link to a one-write scenario whose title and value are `text` (made with the app's own Share). */
async function hostileLink(page, text) {
  // The page has no codec global; build the link from a shared one by importing a file with Import.
  const scenario = JSON.stringify({ version: 1, protocol: 'basic', nodes: 3, seed: 1, title: text, steps: [{ write: { node: 'A', value: text } }] });
  await header(page).getByLabel('Scenario file to import').setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(scenario) });
  await banner(page, 'status', 'from the file “hostile.json”').waitFor();
  const { url } = await share(page);
  await closeShare(page);
  return new URL(url).hash;
}
