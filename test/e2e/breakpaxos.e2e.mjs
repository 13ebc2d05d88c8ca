// Break Paxos (issue 6): open a broken rule from the menu, step it out, watch the safety panel
// report the violation in words and the vote grid show two quorums for two values; then run the
// same steps with the correct rules. And the same on a phone: the grid scrolls inside itself.
import {
  assert, assertNoHorizontalScroll, eventually, openApp, PHONE, PHONE_CONTEXT, safetyPanel, screenshot, toolbar, DESKTOP,
} from './helpers.mjs';

const breakButton = (page) => page.getByRole('button', { name: 'Break Paxos ▾' });
const menu = (page) => page.getByRole('group', { name: 'Break Paxos: open a run with one rule broken' });
const voteGrid = (page) => page.getByRole('region', { name: 'Vote grid' });
const locks = (page) => voteGrid(page).locator('tr[data-lock]');
const stepButton = (page) => toolbar(page).getByRole('button', { name: 'Step', exact: true });

async function openAmnesia(page, shot) {
  await breakButton(page).click();
  await eventually(() => menu(page).getByRole('listitem').count(), (n) => n === 7, 'seven broken rules in the menu');
  await menu(page).getByText(/A correct acceptor writes its promise and its accepted proposal to disk/).waitFor();
  if (shot) await shot();
  await menu(page).getByRole('button', { name: /^An acceptor forgets its promise on restart/ }).click();
  await page.getByText(/^Broken rule: An acceptor forgets its promise on restart\./).waitFor();
  await page.getByRole('status').filter({ hasText: /^⚠Broken rule: An acceptor forgets its promise on restart/ }).waitFor();
  // It opens at its start: nothing has happened yet.
  await voteGrid(page).getByText('No ballot yet: a row appears when a proposer starts one.').waitFor();
  await eventually(() => safetyPanel(page).innerText(), (t) => /Nothing chosen yet/i.test(t), 'the safety panel to show the start');
}

/** Step (one recorded step per click) to the end of the run, then expect `want` locked values in the grid. */
async function stepOut(page, want) {
  for (let i = 0; i < 40; i++) {
    if (await stepButton(page).isDisabled()) break;
    const before = await page.getByRole('slider').inputValue();
    await stepButton(page).click();
    const stepped = await eventually(() => page.getByRole('slider').inputValue(), (v) => v !== before, 'the step to happen', 2_000).catch(() => null);
    if (stepped === null) break;
  }
  await eventually(() => locks(page).count(), (n) => n === want, `${want} locked values in the vote grid`);
}

export const tests = [
  {
    name: 'break paxos: amnesia, stepped out, two values chosen; the safety panel explains it and the vote grid shows two quorums',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      await openAmnesia(page, () => screenshot(page, ctx, 'breakpaxos-menu-1280x800'));

      // Step it out. The first value gets locked before anyone knows it.
      await stepButton(page).click();
      await voteGrid(page).locator('tr[data-ballot="1.A"]').waitFor();
      await stepOut(page, 2);
      const safety = await safetyPanel(page).innerText();
      assert(/At most one value is chosen\s*—\s*VIOLATED/i.test(safety), `the safety panel does not report the agreement violation: ${safety}`);
      assert(/Promises never go backwards\s*—\s*VIOLATED/i.test(safety), `the safety panel does not report the promise violation: ${safety}`);
      assert(/two different values/i.test(safety), `the safety panel does not say it in words: ${safety}`);
      const lockText = await locks(page).allInnerTexts();
      assert(/“X” locked at ballot 1\.A by A, B/.test(lockText[0] ?? ''), `first lock: ${lockText[0]}`);
      assert(/A second value! “Y” locked at ballot 1\.C by C, B/.test(lockText[1] ?? ''), `second lock: ${lockText[1]}`);
      const quorum = await voteGrid(page).locator('td.is-quorum').evaluateAll((tds) => tds.map((td) => `${td.closest('tr').dataset.ballot}:${td.dataset.node}`));
      assert(JSON.stringify(quorum.sort()) === JSON.stringify(['1.A:A', '1.A:B', '1.C:B', '1.C:C']), `the two quorums: ${quorum}`);
      await safetyPanel(page).scrollIntoViewIfNeeded();
      await screenshot(page, ctx, 'breakpaxos-amnesia-1280x800');

      // The same steps with the correct rules: one value, every rule holds.
      await page.getByRole('button', { name: 'Run the same steps with the correct rules' }).click();
      await page.getByRole('status').filter({ hasText: /Correct rules — the same steps as/ }).waitFor();
      await voteGrid(page).getByText('No ballot yet: a row appears when a proposer starts one.').waitFor();
      await stepButton(page).click();
      await stepOut(page, 1);
      const ok = await safetyPanel(page).innerText();
      assert(!/VIOLATED/.test(ok), `the correct rules should keep every rule: ${ok}`);
      assert(/“Y” locked at ballot 1\.C by C, B/.test((await locks(page).allInnerTexts())[0] ?? ''), 'the correct rules choose "Y" only');
      assert(/B at ballot 1\.A: promised, refused/.test(await voteGrid(page).locator('tr[data-ballot="1.A"] td[data-node="B"]').getAttribute('aria-label')),
        'a correct B refuses the old ballot');
      await screenshot(page, ctx, 'breakpaxos-correct-1280x800');
    },
  },
  {
    name: 'break paxos on a phone: the menu fits, the vote grid scrolls inside itself',
    async run(ctx) {
      const page = await openApp(ctx, PHONE, PHONE_CONTEXT);
      await openAmnesia(page, async () => {
        await assertNoHorizontalScroll(page);
        await screenshot(page, ctx, 'breakpaxos-menu-390x844');
      });
      await stepButton(page).click();
      await stepOut(page, 2);
      await assertNoHorizontalScroll(page);
      const scroller = voteGrid(page).getByRole('region', { name: 'Votes by ballot and acceptor' });
      const overflow = await scroller.evaluate((el) => getComputedStyle(el).overflow);
      assert(/auto/.test(overflow), `the vote grid should scroll inside itself, overflow: ${overflow}`);
      await voteGrid(page).scrollIntoViewIfNeeded();
      await screenshot(page, ctx, 'breakpaxos-grid-390x844');
    },
  },
];

// A preset is a manual-mode run; Play replays its recorded steps at a watchable pace and stops at the end.
tests.push({
  name: 'break paxos: Play replays the preset by itself, to the violation, and stops at its end',
  async run(ctx) {
    const page = await openApp(ctx, DESKTOP);
    await openAmnesia(page);
    await toolbar(page).getByRole('combobox', { name: 'Speed' }).selectOption('10');
    await toolbar(page).getByRole('button', { name: 'Play', exact: true }).click();
    await eventually(() => safetyPanel(page).innerText(), (t) => /two different values/i.test(t), 'the replay to reach the violation', 15_000);
    await toolbar(page).getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 15_000 });
    const slider = page.getByRole('region', { name: 'Timeline' }).getByRole('slider');
    assert(await slider.inputValue() === await slider.getAttribute('max'), 'the replay should stop at the end of the recorded run');
    assert(await locks(page).count() === 2, 'the vote grid should show two locked values');
  },
});

// Side by side (issue 6): the broken run next to the same steps with the correct rules, both
// following the one timeline; where they part, with the two events, and a jump there.
tests.push({
  name: 'break paxos: compare side by side, scrub, both graphs change; the divergence line jumps to where they part',
  async run(ctx) {
    const page = await openApp(ctx, DESKTOP);
    await openAmnesia(page);
    await page.getByRole('button', { name: 'Close this message' }).click();
    await page.getByRole('button', { name: 'Compare side by side' }).click();
    const broken = page.locator('figure[data-side="broken"]');
    const correct = page.locator('figure[data-side="correct"]');
    const right = correct.getByRole('group', { name: /The correct-rules run/ });
    await right.waitFor();
    const rightB = () => right.getByRole('button', { name: /^Node B,/ }).getAttribute('aria-label', { timeout: 2_000 });
    const leftB = () => broken.getByRole('button', { name: /^Node B,/ }).getAttribute('aria-label', { timeout: 2_000 });
    const divergence = page.locator('.cmp-diverge');
    assert(/Identical so far; they part at step 8/.test(await divergence.innerText()), `divergence: ${await divergence.innerText()}`);
    assert(/B restarts with amnesia/.test(await divergence.innerText()) && /B restarts \(from disk: promised 1\.C/.test(await divergence.innerText()),
      'the two event lines side by side');

    // Scrub: drag the timeline (keyboard on the slider) and both graphs follow.
    const slider = page.getByRole('region', { name: 'Timeline' }).getByRole('slider');
    await slider.focus();
    for (let i = 1; i <= 3; i++) {
      await page.keyboard.press('ArrowRight');
      await eventually(() => slider.inputValue(), (v) => Number(v) === i, `the timeline at step ${i}`);
    }
    await eventually(() => rightB(), (l) => /promised 1\.A/.test(l ?? ''), 'the right graph to follow to B promising 1.A');
    await eventually(() => leftB(), (l) => /promised 1\.A/.test(l ?? ''), 'the left graph at B promising 1.A');

    // Jump to where they part: left B forgot its promise, right B kept it.
    await page.getByRole('button', { name: 'Jump to step 8' }).click();
    await eventually(() => divergence.innerText(), (t) => /They parted at step 8/.test(t), 'the divergence reached');
    await eventually(() => leftB(), (l) => /no promise/.test(l ?? ''), 'the forgetful B on the left');
    await eventually(() => rightB(), (l) => /promised 1\.C/.test(l ?? ''), 'the correct B keeps its promise on the right');
    await screenshot(page, ctx, 'breakpaxos-side-by-side-diverge-1280x800');

    // The end: two values on the left, one on the right, held where the correct rules cannot go on.
    await page.keyboard.press('End');
    await eventually(() => broken.locator('figcaption').innerText(), (t) => /two values chosen: “X” and “Y”/.test(t), 'two values on the left');
    await eventually(() => correct.locator('figcaption').innerText(), (t) => /one value chosen: “Y”/.test(t), 'one value on the right');
    await correct.getByText(/the correct rules never send this message/).waitFor();
    await screenshot(page, ctx, 'breakpaxos-side-by-side-end-1280x800');

    // The right graph only follows: right-click opens no menu (the same on the left, the main run, does).
    await broken.getByRole('button', { name: /^Node A,/ }).dispatchEvent('contextmenu', { button: 2 });
    await page.getByRole('menu').waitFor();
    await page.keyboard.press('Escape');
    await eventually(() => page.getByRole('menu').count(), (n) => n === 0, 'the main graph\'s menu to close');
    await right.getByRole('button', { name: /^Node A,/ }).dispatchEvent('contextmenu', { button: 2 });
    assert(await page.getByRole('menu').count() === 0, 'the follow-only graph has no context menu');

    await page.getByRole('button', { name: 'Close side by side' }).click();
    await eventually(() => page.locator('figure[data-side]').count(), (n) => n === 0, 'side by side to close');
  },
});

tests.push({
  name: 'break paxos on a phone: side by side stacks the two graphs',
  async run(ctx) {
    const page = await openApp(ctx, PHONE, PHONE_CONTEXT);
    await openAmnesia(page);
    await page.getByRole('button', { name: 'Close this message' }).click();
    await page.getByRole('button', { name: 'Compare side by side' }).click();
    const broken = page.locator('figure[data-side="broken"]');
    const correct = page.locator('figure[data-side="correct"]');
    await correct.getByRole('group', { name: /The correct-rules run/ }).waitFor();
    const a = await broken.boundingBox();
    const b = await correct.boundingBox();
    assert(a && b && b.y >= a.y + a.height - 1 && Math.abs(a.x - b.x) < 2, `the graphs should stack: ${JSON.stringify([a, b])}`);
    await assertNoHorizontalScroll(page);
    await page.getByRole('button', { name: 'Jump to step 8' }).click();
    await correct.scrollIntoViewIfNeeded();
    await screenshot(page, ctx, 'breakpaxos-side-by-side-390x844');
  },
});
