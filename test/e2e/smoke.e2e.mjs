// The page as it opens: the live visualization, paused on its first move (a client has asked A to
// write "X"; A's prepares are on the wire). Console errors, page errors and failed requests fail a
// test automatically (scripts/e2e.mjs).
import {
  assert, assertNoHorizontalScroll, DESKTOP, eventLog, learnedChip, message, nodeButton, openApp, safetyPanel, screenshot,
  toolbar, waitForLog, waitForNode,
} from './helpers.mjs';

export const tests = [
  {
    name: 'loads without errors: title, nodes A B C, toolbar, safety panel, event log, first prepares',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);

      const title = await page.title();
      assert(title.includes('Paxoscope'), `title is ${JSON.stringify(title)}, expected it to contain "Paxoscope"`);
      await page.getByRole('heading', { level: 1, name: 'Paxoscope' }).waitFor();

      // Three nodes, each a button whose accessible name tells its state.
      const cluster = page.getByRole('group', { name: 'Cluster of 3 nodes' });
      const names = await cluster.getByRole('button', { name: /^Node / }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      assert(names.length === 3, `expected 3 nodes, found ${names.length}: ${JSON.stringify(names)}`);
      assert(['A', 'B', 'C'].every((id, i) => names[i]?.startsWith(`Node ${id}, up, `)), `node names: ${JSON.stringify(names)}`);
      await waitForNode(page, 'A', /^Node A, up, proposer 1\.A for "X" collecting promises 1\/2, promised 1\.A, nothing accepted/);
      await waitForNode(page, 'B', /^Node B, up, no promise, nothing accepted$/);
      await waitForNode(page, 'C', /^Node C, up, no promise, nothing accepted$/);
      await nodeButton(page, 'A').waitFor();

      // The opening move: A's prepares for ballot 1.A are on the wire to B and C.
      await message(page, 'prepare 1.A', 'A', 'B').waitFor();
      await message(page, 'prepare 1.A', 'A', 'C').waitFor();

      // The toolbar, paused.
      const bar = toolbar(page);
      for (const name of ['Play', 'Step', 'Next phase', 'Slower', 'Faster', 'Restart run', 'New seed', 'Shortcuts']) {
        await bar.getByRole('button', { name, exact: true }).waitFor();
      }
      assert(await bar.getByRole('button', { name: 'Step', exact: true }).isEnabled(), 'Step is disabled although prepares are pending');
      assert(await bar.getByRole('combobox', { name: 'Speed' }).inputValue() === '1', 'speed does not start at 1×');
      assert(await bar.getByRole('button', { name: 'Auto' }).getAttribute('aria-pressed') === 'true', 'Auto mode is not pressed');
      assert(await bar.getByLabel('Simulated time: tick 0').count() === 1, 'the clock does not show tick 0');

      // The safety panel: nothing chosen, nobody learned, every rule holds.
      const safety = safetyPanel(page);
      await safety.getByText('Nothing chosen yet').waitFor();
      for (const id of ['A', 'B', 'C']) await learnedChip(page, `${id}: not yet`).waitFor();
      const rules = await safety.getByRole('listitem').filter({ hasText: /— holds/ }).count();
      assert(rules === 5, `expected 5 safety rules that hold, found ${rules}`);

      // The event log tells the opening move in words.
      await waitForLog(page, 'client asks A to write "X"');
      await waitForLog(page, 'A starts ballot 1.A for "X"');
      await waitForLog(page, 'A → B prepare 1.A');
      await waitForLog(page, 'A → C prepare 1.A');
      assert(await eventLog(page).getByRole('listitem').count() >= 4, 'the event log has fewer than 4 lines');

      // The getting-started hint explains what is on screen.
      await page.getByRole('note').getByText('A client has asked node A to write “X”.').waitFor();

      await assertNoHorizontalScroll(page);
      await screenshot(page, ctx, 'desktop-1280x800-opening');
    },
  },
];
