// The keyboard: shortcuts come from the action registry, so they do what the buttons do.
import { assert, eventually, inspector, openApp, simTime, toolbar, waitForLog, waitForNode, DESKTOP } from './helpers.mjs';

export const tests = [
  {
    name: 'Space toggles play and pause',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      const bar = toolbar(page);
      await page.keyboard.press('Space');
      await bar.getByRole('button', { name: 'Pause', exact: true }).waitFor();
      // The clock runs while playing …
      await eventually(() => simTime(page), (t) => t > 0, 'the simulated clock to move after Space');
      await page.keyboard.press('Space');
      await bar.getByRole('button', { name: 'Play', exact: true }).waitFor();
      // … and stands still once paused.
      const t1 = await simTime(page);
      await page.waitForTimeout(300); // the one fixed wait: proving that nothing happens takes time
      const t2 = await simTime(page);
      assert(t1 === t2, `the clock moved from ${t1} to ${t2} while paused`);
    },
  },
  {
    name: '"?" opens the shortcut help; Escape closes it and gives focus back',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      await page.keyboard.press('?');
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await dialog.waitFor();
      assert(await dialog.getAttribute('aria-modal') === 'true', 'the help dialog is not modal');
      await dialog.getByText('Play / pause').waitFor();
      await dialog.getByText('Deliver now').waitFor();
      const focusedInDialog = await dialog.evaluate((d) => d.contains(document.activeElement));
      assert(focusedInDialog, 'focus did not move into the help dialog');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert(await toolbar(page).getByRole('button', { name: 'Play', exact: true }).count() === 1, 'the run is not paused any more');
      // The toolbar's "Shortcuts" button opens the same dialog; closing it returns focus there.
      const button = toolbar(page).getByRole('button', { name: 'Shortcuts' });
      await button.click();
      await dialog.waitFor();
      // Tab keeps focus inside the modal dialog (it has two focusable things: Close and the list).
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press('Tab');
        assert(await dialog.evaluate((d) => d.contains(document.activeElement)), `Tab #${i + 1} moved focus out of the help dialog`);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await eventually(() => button.evaluate((b) => b === document.activeElement), Boolean, 'focus to return to the Shortcuts button');
    },
  },
  {
    name: '→ steps one event; a digit selects a node; N runs to the next phase',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      await page.keyboard.press('ArrowRight');
      // The first due event: one of A's prepares arrives and that node promises 1.A.
      await waitForLog(page, /^[BC] receives prepare 1\.A from A$/);
      await page.keyboard.press('2');
      await inspector(page, 'Node B').waitFor();
      await waitForNode(page, 'B', /^Node B, /);
      assert(await page.getByRole('button', { name: /^Node B, / }).getAttribute('aria-pressed') === 'true', 'node B is not shown as selected');
      await page.keyboard.press('Escape');
      await inspector(page, 'Inspector').waitFor();
      await page.keyboard.press('n');
      await waitForLog(page, /A has a majority of promises for 1\.A; proposes its own value "X"/);
    },
  },
];
