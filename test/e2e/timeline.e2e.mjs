// Time travel: the timeline under the graph moves the whole view; acting in the past forks; the
// embed view and a build served from a sub-path work.
import {
  assert, eventually, logHas, message, openApp, play, safetyPanel, screenshot, setSpeed, simTime, toolbar,
  waitForChosen, waitForNode, DESKTOP, PHONE, PHONE_CONTEXT,
} from './helpers.mjs';

const timeline = (page) => page.getByRole('region', { name: 'Timeline' });
const slider = (page) => timeline(page).getByRole('slider');
const sliderValue = async (page) => Number(await slider(page).inputValue());
const sliderMax = async (page) => Number(await slider(page).getAttribute('max'));

async function runToChosen(page) {
  await setSpeed(page, 10);
  await play(page);
  await waitForChosen(page, 'X', '1.A', 15_000);
  await waitForNode(page, 'C', /learned/, 15_000);
  await toolbar(page).getByRole('button', { name: 'Pause', exact: true }).click();
  await toolbar(page).getByRole('button', { name: 'Play', exact: true }).waitFor();
}

export const tests = [
  {
    name: 'scrubbing the timeline moves the graph, the log and the safety panel to that moment',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      await runToChosen(page);
      const end = await sliderMax(page);
      assert(end > 10 && await sliderValue(page) === end, `the slider should sit at the end of a ${end}-step history`);
      const endTime = await simTime(page);

      // Drag to the very start: nothing has happened yet, nothing is chosen, the log is empty.
      const box = await slider(page).boundingBox();
      await page.mouse.click(box.x + 1, box.y + box.height / 2);
      await eventually(() => sliderValue(page), (v) => v === 0, 'the slider to move to the start');
      await eventually(() => safetyPanel(page).innerText(), (t) => /Nothing chosen yet/i.test(t), 'the safety panel to show the start');
      await page.getByText('Nothing has happened yet').waitFor();
      await timeline(page).getByText('Viewing the past.').waitFor();
      assert(await simTime(page) < endTime, 'the clock did not go back');
      // The slider has focus: → on it moves one step: the client's write, with A's prepares on the wire.
      await page.keyboard.press('ArrowRight');
      await eventually(() => sliderValue(page), (v) => v === 1, 'the slider to move one step');
      await message(page, 'prepare 1.A', 'A', 'B').waitFor();
      assert(!(await logHas(page, /CHOSEN/)), 'the log shows the value chosen near the start of the run');

      // Step forward through what happened (→), then back (←), with the keyboard.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      const before = await sliderValue(page);
      await page.keyboard.press('ArrowRight');
      await eventually(() => sliderValue(page), (v) => v === before + 1, 'one step forward');
      await page.keyboard.press('ArrowLeft');
      await eventually(() => sliderValue(page), (v) => v === before, 'one step back');

      // Drag to the middle, then jump back to now: the history was not touched.
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await eventually(() => sliderValue(page), (v) => v > 2 && v < end, 'the slider to move to the middle');
      await screenshot(page, ctx, 'timeline-past');
      await timeline(page).getByRole('button', { name: 'Back to now' }).click();
      await eventually(() => sliderValue(page), (v) => v === end, 'back to the end');
      assert(await sliderMax(page) === end, 'jumping around changed the history');
      await waitForChosen(page, 'X', '1.A');
    },
  },
  {
    name: 'acting in the past starts a new future, and the timeline says so',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      await runToChosen(page);
      const end = await sliderMax(page);
      // Back to the start, two steps forward, then crash C there.
      await timeline(page).getByRole('button', { name: 'To the start' }).click();
      await eventually(() => sliderValue(page), (v) => v === 0, 'the start');
      await timeline(page).getByRole('button', { name: 'Step', exact: true }).click();
      await timeline(page).getByRole('button', { name: 'Step', exact: true }).click();
      await eventually(() => sliderValue(page), (v) => v === 2, 'two steps in');
      const note = await timeline(page).getByText('Viewing the past.').locator('..').innerText();
      assert(/discards the \d+ later steps/.test(note), `the past note does not warn about discarding: ${note}`);
      await page.getByRole('group', { name: /^Cluster of \d+ nodes$/ }).getByRole('button', { name: /^Node C, / }).click();
      await page.keyboard.press('c');
      await waitForNode(page, 'C', /crashed/);
      await timeline(page).getByText('New future').waitFor();
      const max = await sliderMax(page);
      assert(max === 3, `the old future was not discarded: the history has ${max} steps (was ${end})`);
    },
  },
  {
    name: 'phone: the timeline is usable by touch',
    async run(ctx) {
      const page = await openApp(ctx, PHONE, { context: PHONE_CONTEXT });
      await toolbar(page).getByRole('button', { name: 'Step', exact: true }).tap();
      await toolbar(page).getByRole('button', { name: 'Step', exact: true }).tap();
      await eventually(() => sliderValue(page), (v) => v === 3, 'two steps after the opening write');
      const back = timeline(page).getByRole('button', { name: 'Step back' });
      const size = await back.boundingBox();
      assert(size.width >= 44 && size.height >= 44, `Step back is ${size.width}×${size.height}, under 44 px`);
      await back.tap();
      await eventually(() => sliderValue(page), (v) => v === 2, 'one step back by touch');
      await screenshot(page, ctx, 'timeline-phone');
    },
  },
  {
    name: 'embed view (?embed=1) from a sub-path: graph, controls and timeline only, and it runs',
    async run(ctx) {
      const page = await ctx.open('some/sub/path/paxoscope/?embed=1', { width: 800, height: 600 });
      await message(page, 'prepare 1.A', 'A', 'B').waitFor();
      await timeline(page).waitFor();
      await toolbar(page).getByRole('button', { name: 'Play', exact: true }).waitFor();
      assert(await page.getByRole('region', { name: 'Safety' }).count() === 0, 'the embed shows the safety panel');
      assert(await page.getByRole('list', { name: 'Event log' }).count() === 0, 'the embed shows the event log');
      const link = page.getByRole('link', { name: /Open the full app/ });
      const href = await link.getAttribute('href');
      assert(href.includes('/some/sub/path/paxoscope/') && !href.includes('embed'), `"Open the full app" points to ${href}`);
      await toolbar(page).getByRole('button', { name: 'Next phase' }).click();
      await eventually(() => sliderValue(page), (v) => v > 1, 'the embedded run to move');
      const tl = await timeline(page).boundingBox();
      assert(tl.y + tl.height <= 600 + 1, `the timeline is cut off in a 600 px tall iframe (bottom at ${tl.y + tl.height})`);
      await screenshot(page, ctx, 'embed');
    },
  },
  {
    name: 'an embed neither restores nor overwrites the work saved by the full app',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      // Change the run (a crash) and let autosave keep it.
      await page.getByRole('group', { name: /^Cluster of \d+ nodes$/ }).getByRole('button', { name: /^Node C, / }).click();
      await page.keyboard.press('c');
      await waitForNode(page, 'C', /crashed/);
      await eventually(() => page.evaluate(() => localStorage.getItem('paxoscope:work')), (v) => v !== null && v.includes('crash'), 'the run to be saved');
      const saved = await page.evaluate(() => localStorage.getItem('paxoscope:work'));
      // The embed on the same origin opens the default opening, not the saved run …
      await page.goto(new URL('?embed=1', page.url()).href);
      await message(page, 'prepare 1.A', 'A', 'B').waitFor();
      await waitForNode(page, 'C', /^Node C, up/);
      await toolbar(page).getByRole('button', { name: 'Next phase' }).click();
      await eventually(() => sliderValue(page), (v) => v > 1, 'the embedded run to move');
      await page.waitForTimeout(2_500); // longer than the autosave delay: proving nothing is saved takes time
      assert(await page.evaluate(() => localStorage.getItem('paxoscope:work')) === saved, 'the embed overwrote the saved run');
      // … and the full app still restores it.
      await page.goto(new URL('./', page.url()).href);
      await waitForNode(page, 'C', /crashed/);
    },
  },
];
