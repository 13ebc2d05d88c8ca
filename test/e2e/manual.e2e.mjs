// Manual mode: messages wait on the wire until the user delivers, drops or duplicates each one.
import {
  assert, clientWrite, DESKTOP, eventLog, eventually, inspector, logHas, message, openApp, PHONE, PHONE_CONTEXT, screenshot, selectNode, toolbar,
  waitForLog, waitForNode,
} from './helpers.mjs';

/** Switch to Manual with the toolbar; the run restarts (same seed) with nothing on the wire. */
async function switchToManual(page) {
  const bar = toolbar(page);
  await bar.getByRole('button', { name: 'Manual' }).click();
  await eventually(() => bar.getByRole('button', { name: 'Manual' }).getAttribute('aria-pressed'), (v) => v === 'true', 'Manual to be pressed');
  await bar.getByText('Manual: messages wait for you — deliver, drop or duplicate each one.').waitFor();
  await page.getByText('Nothing has happened yet: press Play or Step.').waitFor();
  assert(await bar.getByRole('button', { name: 'Play', exact: true }).isDisabled(), 'Play is enabled in manual mode');
}

/** Select a waiting message (tap/click on its pill, or keyboard) and check the inspector shows it. */
async function selectMessage(page, pill, how) {
  if (how === 'tap') await pill.tap();
  else if (how === 'keyboard') {
    await pill.focus();
    await page.keyboard.press('Enter');
  } else await pill.click();
  const panel = page.getByRole('region', { name: /^Message #\d+$/ });
  await panel.getByText('Waiting (manual mode): deliver, drop or duplicate it.').waitFor();
  return panel;
}

async function deliverOneDropOne(ctx, viewport, how, shotName, contextOptions) {
  const page = await openApp(ctx, viewport, contextOptions ? { context: contextOptions } : {});
  await switchToManual(page);
  await clientWrite(page, 'A', 'X');

  // Deliver A's prepare to B: B promises 1.A and its promise waits on the wire back to A.
  const toB = message(page, 'prepare 1.A', 'A', 'B');
  let panel = await selectMessage(page, toB, how);
  assert(/From → to\s*A\s*→\s*B/.test(await panel.innerText()), `the inspector does not show the prepare A → B:\n${await panel.innerText()}`);
  await panel.getByRole('button', { name: 'Deliver now' }).click();
  await toB.waitFor({ state: 'detached' });
  await waitForLog(page, 'B receives prepare 1.A from A');
  await waitForLog(page, 'B promises 1.A');
  await waitForNode(page, 'B', /^Node B, up, promised 1\.A, nothing accepted$/);
  await message(page, 'promise 1.A', 'B', 'A').waitFor();

  // Drop A's prepare to C: C never hears of ballot 1.A.
  const toC = message(page, 'prepare 1.A', 'A', 'C');
  panel = await selectMessage(page, toC, how === 'keyboard' ? 'click' : how);
  await panel.getByRole('button', { name: 'Drop' }).click();
  await toC.waitFor({ state: 'detached' });
  await waitForLog(page, 'lost: A → C  prepare 1.A');
  await waitForNode(page, 'C', /^Node C, up, no promise, nothing accepted$/);

  // The inspector agrees with the node cards.
  const b = await selectNode(page, 'B');
  assert(/Promised\s*1\.A/.test(await b.innerText()), `inspector of B:\n${await b.innerText()}`);
  const c = await selectNode(page, 'C');
  assert(/Promised\s*nothing yet/.test(await c.innerText()), `inspector of C:\n${await c.innerText()}`);
  // Nothing else moved: in manual mode the promise B → A is still waiting.
  await message(page, 'promise 1.A', 'B', 'A').waitFor();
  await waitForNode(page, 'A', /collecting promises 1\/2/);
  await screenshot(page, ctx, shotName);
  return page;
}

export const tests = [
  {
    name: 'deliver prepare A→B by hand, drop prepare A→C: B promised 1.A, C nothing, the log shows the loss',
    async run(ctx) {
      const page = await deliverOneDropOne(ctx, DESKTOP, 'click', 'desktop-1280x800-manual');
      // Finish phase 1 by hand: delivering B's promise gives A a majority (A, B), so A proposes "X".
      const promise = message(page, 'promise 1.A', 'B', 'A');
      const panel = await selectMessage(page, promise, 'click');
      await panel.getByRole('button', { name: 'Deliver now' }).click();
      await waitForLog(page, 'A has a majority of promises for 1.A; proposes its own value "X"');
      await waitForNode(page, 'A', /proposer 1\.A: "X" collecting accepts/);
      await message(page, 'accept 1.A "X"', 'A', 'B').waitFor();
      await message(page, 'accept 1.A "X"', 'A', 'C').waitFor();
      assert(!(await logHas(page, 'CHOSEN')), 'a value was chosen although no accept was delivered');
      assert(await eventLog(page).getByRole('listitem').count() > 0, 'the log is empty');
    },
  },
  {
    name: 'keyboard: select a waiting message with Enter, deliver it with D, drop the other with X',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      await switchToManual(page);
      await clientWrite(page, 'A', 'X');
      await selectMessage(page, message(page, 'prepare 1.A', 'A', 'B'), 'keyboard');
      await page.keyboard.press('d');
      await waitForNode(page, 'B', /^Node B, up, promised 1\.A/);
      await selectMessage(page, message(page, 'prepare 1.A', 'A', 'C'), 'keyboard');
      await page.keyboard.press('x');
      await waitForLog(page, 'lost: A → C  prepare 1.A');
      await waitForNode(page, 'C', /^Node C, up, no promise/);
      // The dropped message is gone, so the inspector is back to its hint.
      await inspector(page, 'Inspector').getByText('Click a node or a message to inspect it').waitFor();
    },
  },
  {
    name: 'phone: tap a waiting message to deliver it, tap another to drop it',
    run: (ctx) => deliverOneDropOne(ctx, PHONE, 'tap', 'phone-390x844-manual', PHONE_CONTEXT),
  },
];
