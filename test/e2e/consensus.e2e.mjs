// Writes in auto mode at 10×: a value gets chosen and learned by everyone; with one node crashed a
// majority still decides; with a majority crashed nothing is chosen and the proposer keeps retrying.
import {
  assert, crashWithContextMenu, crashWithInspector, clientWrite, DESKTOP, eventually, learnedChip, logHas, nodeButton,
  openApp, PHONE, PHONE_CONTEXT, play, restartRun, safetyPanel, screenshot, selectNode, setSpeed, simTime, waitForChosen,
  waitForLog, waitForNode,
} from './helpers.mjs';

async function writeQAtBIsChosenAndLearned(ctx, viewport, shotName, contextOptions) {
  const page = await openApp(ctx, viewport, contextOptions ? { context: contextOptions } : {});
  await restartRun(page); // a clean run: no opening write at A competing with B
  await clientWrite(page, 'B', 'Q');
  await waitForNode(page, 'B', /^Node B, up, proposer 1\.B for "Q" collecting promises 1\/2/);
  await setSpeed(page, 10);
  await play(page);

  await waitForChosen(page, 'Q', '1.B');
  await waitForLog(page, 'CHOSEN: "Q" at ballot 1.B');
  for (const id of ['A', 'B', 'C']) {
    await learnedChip(page, `${id}: learned Q`).waitFor();
    await waitForNode(page, id, /, learned Q$/);
  }
  await safetyPanel(page).getByText(/Learned\s*\(3 of 3\)/i).waitFor();
  const safety = await safetyPanel(page).innerText();
  assert(!/VIOLATED/.test(safety), `a safety rule is violated:\n${safety}`);
  await screenshot(page, ctx, shotName);
}

export const tests = [
  {
    name: 'a write of "Q" at B is chosen and learned by all three nodes',
    run: (ctx) => writeQAtBIsChosenAndLearned(ctx, DESKTOP, 'desktop-1280x800-chosen'),
  },
  {
    name: 'phone: a write of "Q" at B is chosen and learned by all three nodes',
    run: (ctx) => writeQAtBIsChosenAndLearned(ctx, PHONE, 'phone-390x844-chosen', PHONE_CONTEXT),
  },
  {
    name: 'with C crashed (right-click menu), a write at A is chosen by the majority A, B',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      await restartRun(page);
      await crashWithContextMenu(page, 'C');
      await learnedChip(page, 'C: crashed').waitFor();
      await clientWrite(page, 'A', 'K');
      await setSpeed(page, 10);
      await play(page);

      await waitForChosen(page, 'K', '1.A');
      await safetyPanel(page).getByText(/by the majority A, B \(2 of 3\)/).waitFor();
      await learnedChip(page, 'A: learned K').waitFor();
      await learnedChip(page, 'B: learned K').waitFor();
      await learnedChip(page, 'C: crashed').waitFor();
      await waitForNode(page, 'A', /learned K$/);
      await waitForNode(page, 'B', /learned K$/);
      const c = await waitForNode(page, 'C', /^Node C, crashed, /);
      assert(!c.includes('learned'), `crashed C claims to have learned something: ${c}`);
      assert(await logHas(page, 'lost: A → C prepare 1.A (C is down)'), 'the log does not say the prepare to crashed C was lost');
      await screenshot(page, ctx, 'desktop-1280x800-minority-crashed-chosen');
    },
  },
  {
    name: 'with B and C crashed, a write at A is never chosen and A keeps retrying with higher ballots',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      await restartRun(page);
      await crashWithInspector(page, 'B');
      await crashWithInspector(page, 'C');
      await clientWrite(page, 'A', 'M');
      await setSpeed(page, 10);
      await play(page);

      // Retries back off (150–300 ticks + more each time): at 10× (400 ticks/s) ballot 3.A starts
      // after roughly 1–2 s. Keep running until well past it.
      await waitForLog(page, 'A starts ballot 3.A for "M"', 15_000);
      await eventually(() => simTime(page), (t) => t >= 1200, 'at least 1200 ticks of simulated time', 15_000);

      await safetyPanel(page).getByText('Nothing chosen yet').waitFor();
      assert(!(await logHas(page, 'CHOSEN')), 'something was chosen with only one node up');
      for (const id of ['A', 'B', 'C']) {
        await learnedChip(page, id === 'A' ? 'A: not yet' : `${id}: crashed`).waitFor();
      }
      const a = await waitForNode(page, 'A', /^Node A, up, /);
      assert(!a.includes('learned'), `A learned something alone: ${a}`);

      // The inspector shows how far A's ballots have climbed.
      const panel = await selectNode(page, 'A');
      const text = await panel.innerText();
      const round = Number(/Ballot\s*(\d+)\.A/.exec(text)?.[1] ?? 0);
      assert(round >= 3, `A's ballot round is ${round} after its retries; inspector says:\n${text}`);
      assert(/retry \d+ for this value/.test(text), `the inspector does not mention A's retries:\n${text}`);
      await screenshot(page, ctx, 'desktop-1280x800-majority-crashed');
      // And at phone size: the same moment, as a student with a phone sees it.
      await page.setViewportSize(PHONE);
      await nodeButton(page, 'A').scrollIntoViewIfNeeded();
      await screenshot(page, ctx, 'phone-390x844-majority-crashed');
    },
  },
];
