// The Scenarios menu (issue 6): every preset, grouped, one line each; choosing one opens it at its
// start with a banner that says what it is, and Step plays it out. Keyboard, outside click, phone.
import {
  assert, assertNoHorizontalScroll, eventually, openApp, PHONE, PHONE_CONTEXT, safetyPanel, screenshot, toolbar, DESKTOP,
} from './helpers.mjs';

const menuButton = (page) => page.getByRole('button', { name: 'Scenarios ▾' });
const menu = (page) => page.getByRole('group', { name: 'Scenarios: open a prepared run' });
const slider = (page) => page.getByRole('region', { name: 'Timeline' }).getByRole('slider');
const stepButton = (page) => toolbar(page).getByRole('button', { name: 'Step', exact: true });

export const tests = [
  {
    name: 'scenarios menu: grouped presets; a basic one opens at its start, says what it is, and Step plays it out',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      await menuButton(page).click();
      const basic = menu(page).getByRole('region', { name: 'Basic Paxos' });
      await eventually(() => basic.getByRole('listitem').count(), (n) => n === 16, 'sixteen basic scenarios');
      assert(await menu(page).getByRole('region', { name: 'Multi-Paxos' }).getByRole('listitem').count() === 4, 'four Multi-Paxos scenarios');
      await menu(page).getByText(/the Break Paxos menu opens runs in which one rule/).waitFor();
      await screenshot(page, ctx, 'presets-menu-1280x800');
      await menu(page).locator('[data-preset="nack-after-accept"]').click();
      await page.getByText(/^An accept is nacked because the acceptor promised higher in between: A has its majority/).waitFor();
      await page.getByText(/Press Step or Play to watch it/).waitFor();
      assert(await menu(page).count() === 0, 'the menu should close');
      await eventually(() => slider(page).inputValue(), (v) => v === '0', 'the scenario to open at its start');
      for (let i = 0; i < 3; i++) await stepButton(page).click();
      await eventually(() => slider(page).inputValue(), (v) => v === '3', 'three steps');
      // Play it out to the end: "Y" is chosen.
      await page.keyboard.press('End');
      await eventually(() => safetyPanel(page).innerText(), (t) => /“?Y”?/.test(t) && /chosen/i.test(t), '"Y" to be chosen');
      await screenshot(page, ctx, 'presets-nack-after-accept-1280x800');
    },
  },
  {
    name: 'scenarios menu: keyboard (arrows, Enter, Escape), outside click, and a Multi-Paxos preset from basic mode',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      await menuButton(page).focus();
      await page.keyboard.press('Enter');
      await menu(page).getByRole('region', { name: 'Basic Paxos' }).waitFor();
      await page.keyboard.press('Escape');
      await eventually(() => menu(page).count(), (n) => n === 0, 'Escape to close the menu');
      assert(await menuButton(page).evaluate((b) => b === document.activeElement), 'the focus goes back to the button');
      await menuButton(page).click();
      await menu(page).getByRole('region', { name: 'Basic Paxos' }).waitFor();
      await page.mouse.click(640, 700);
      await eventually(() => menu(page).count(), (n) => n === 0, 'a click outside to close the menu');
      await menuButton(page).focus();
      await page.keyboard.press('Enter');
      await menu(page).getByRole('region', { name: 'Basic Paxos' }).waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('End');
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-preset'));
      assert(focused === 'dueling-leaders', `End should focus the last scenario, got ${focused}`);
      await page.keyboard.press('Enter');
      await page.getByText(/^Dueling leaders/).first().waitFor();
      await page.getByText('The log is empty').waitFor();
      await eventually(() => slider(page).inputValue(), (v) => v === '0', 'the Multi-Paxos scenario at its start');
    },
  },
  {
    name: 'scenarios menu on a phone: a sheet that fits, and a scenario opens from it',
    async run(ctx) {
      const page = await openApp(ctx, PHONE, PHONE_CONTEXT);
      await menuButton(page).click();
      await menu(page).getByRole('region', { name: 'Basic Paxos' }).waitFor();
      const box = await menu(page).boundingBox();
      assert(box && box.x >= 0 && box.x + box.width <= PHONE.width + 0.5 && box.height <= PHONE.height, `the menu should fit the screen: ${JSON.stringify(box)}`);
      await assertNoHorizontalScroll(page);
      await screenshot(page, ctx, 'presets-menu-390x844');
      await menu(page).locator('[data-preset="read-succeeds"]').click();
      await page.getByText(/^A read succeeds at a node that never learned the value:/).waitFor();
      await eventually(() => slider(page).inputValue(), (v) => v === '0', 'the scenario at its start');
      await assertNoHorizontalScroll(page);
    },
  },
];
