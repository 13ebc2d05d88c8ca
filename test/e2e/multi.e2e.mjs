// Multi-Paxos in the browser (issue 5): switch protocol, send commands to different nodes, crash
// the leader, watch a new leader fill the gap with a no-op and every live node converge on the
// same state; and a phone-size check that the log view fits.
import {
  assert, assertNoHorizontalScroll, eventually, openApp, PHONE, PHONE_CONTEXT, screenshot, setSpeed, toolbar,
} from './helpers.mjs';

const logView = (page) => page.getByRole('region', { name: 'Replicated log', exact: true });
const client = (page) => page.getByRole('region', { name: 'Client', exact: true });

async function switchToMulti(page, nodes) {
  await toolbar(page).locator('[data-protocol="multi"]').click();
  await logView(page).waitFor();
  await logView(page).getByText('The log is empty').waitFor();
  if (nodes) {
    await toolbar(page).getByRole('combobox', { name: 'Nodes' }).selectOption(String(nodes));
    await eventually(() => page.locator('.mp-node').count(), (n) => n === nodes, `${nodes} nodes in the graph`);
  }
}

const leaderOf = (page) => page.locator('[data-leader]').getAttribute('data-leader', { timeout: 2_000 });

async function waitForLeader(page, not = '') {
  return eventually(() => leaderOf(page), (l) => !!l && l !== not, not ? `a leader other than ${not}` : 'a leader', 15_000);
}

/**
 * The leader named above the graph also wears the crown in the graph. Read both together: while
 * playing, an early leader can be superseded between two reads (dueling candidates at the start).
 */
async function waitForCrownedLeader(page, not = '') {
  return eventually(async () => {
    const l = await leaderOf(page);
    if (!l || l === not) return null;
    return (await page.locator(`.mp-node-leader[data-node="${l}"] .mp-node-crown`).count()) === 1 ? l : null;
  }, (l) => l !== null, not ? `a crowned leader other than ${not}` : 'a crowned leader', 15_000);
}

async function send(page, node, command) {
  const panel = client(page);
  await panel.getByRole('combobox', { name: 'to node' }).selectOption(node);
  await panel.getByRole('textbox', { name: 'Send command' }).fill(command);
  await panel.getByRole('button', { name: 'Send', exact: true }).click();
  await panel.getByText(`Sent “${command}” to ${node}.`).waitFor();
}

const playBtn = (page) => toolbar(page).getByRole('button', { name: 'Play', exact: true });
const pauseBtn = (page) => toolbar(page).getByRole('button', { name: 'Pause', exact: true });
async function play(page) { await playBtn(page).click(); await pauseBtn(page).waitFor(); }
async function pause(page) { await pauseBtn(page).click(); await playBtn(page).waitFor(); }

/** Each live node's state machine (its applied list), from the log view. */
async function states(page) {
  return page.locator('tr.mp-row:not(.is-down) td.mp-log-state').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-items')));
}

const sameEverywhere = (want) => (list) => list.length > 0 && list.every((s) => s === list[0]) && (list[0] ?? '').split(',').filter(Boolean).length === want;

export const tests = [
  {
    name: 'multi-paxos: commands at different nodes, the leader crashes, a new leader fills the gap with a no-op, the logs converge',
    async run(ctx) {
      const page = await openApp(ctx);
      await switchToMulti(page, 5);
      await setSpeed(page, 10);
      await play(page);
      // The leader is highlighted in the graph: a gold ring and a crown on its node.
      const elected = await waitForCrownedLeader(page);

      // Commands at three different nodes: the followers forward theirs to the leader.
      const others = ['A', 'B', 'C', 'D', 'E'].filter((n) => n !== elected);
      await send(page, others[0], 'p1');
      await send(page, others[1], 'q1');
      await send(page, elected, 'r1');
      await eventually(() => states(page), sameEverywhere(3), 'every node to apply the three commands', 15_000);
      await screenshot(page, ctx, 'multi-desktop-1280x800-applied');

      // Paused: three more commands at the leader (whoever leads now: an early election may have
      // been superseded) go out as pipelined accepts for three slots.
      await pause(page);
      const first = await waitForLeader(page);
      await send(page, first, 'x1');
      await send(page, first, 'x2');
      await send(page, first, 'x3');
      const slots = await page.locator(`tr.mp-row[data-node="${first}"] td[data-state="accepted"]`).evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-slot'))));
      assert(slots.length === 3, `the leader should have three slots accepted but not chosen, got ${JSON.stringify(slots)}`);
      const middle = slots[1];
      // Lose every accept for the middle slot: it will be a gap.
      const pills = page.getByRole('button', { name: new RegExp(`^${first} to [A-E]: accept \\S+ \\[${middle}\\]`) });
      const n = await pills.count();
      assert(n === 4, `expected 4 accepts for slot ${middle} on the wire, found ${n}`);
      for (let i = 0; i < n; i++) {
        await pills.first().focus();
        await page.keyboard.press('Enter');
        await page.getByRole('group', { name: /^Actions for #\d+ / }).getByRole('button', { name: 'Drop' }).click();
        await eventually(() => pills.count(), (c) => c === n - i - 1, `accept #${i + 1} for slot ${middle} to be dropped`);
      }
      // Crash the leader (from the graph's selection bar).
      await page.locator(`.mp-node[data-node="${first}"]`).click();
      await page.getByRole('group', { name: `Actions for Node ${first}` }).getByRole('button', { name: 'Crash node' }).click();
      await page.locator(`tr.mp-row.is-down[data-node="${first}"]`).waitFor();
      await screenshot(page, ctx, 'multi-desktop-1280x800-leader-crashed');

      await play(page);
      const second = await waitForCrownedLeader(page, first);
      // The new leader filled the gap with a no-op, and every live node applied past it.
      await page.locator(`tr.mp-row[data-node="${second}"] td[data-slot="${middle}"][data-noop]`).waitFor({ timeout: 15_000 });
      const converged = await eventually(() => states(page), sameEverywhere(5), 'every live node to apply the same five commands', 15_000);
      assert(converged[0] === 'p1,q1,r1,x1,x3' || converged[0]?.split(',').length === 5, `unexpected state ${converged[0]}`);
      assert(!converged[0]?.includes('x2'), `x2's slot was a gap filled by a no-op, but the state is ${converged[0]}`);
      await pause(page);
      const noops = await page.locator(`td[data-slot="${middle}"][data-noop][data-state="applied"]`).count();
      assert(noops === 4, `all four live nodes should have applied the no-op at slot ${middle}, ${noops} did`);
      assert(await page.locator('.mp-inv .is-broken').count() === 0, 'a Multi-Paxos invariant is shown as violated');
      await screenshot(page, ctx, 'multi-desktop-1280x800-converged');
    },
  },
  {
    name: 'multi-paxos: the phone layout fits, the log view scrolls inside itself',
    async run(ctx) {
      const page = await openApp(ctx, PHONE, { context: PHONE_CONTEXT });
      await switchToMulti(page, 5);
      await setSpeed(page, 10);
      await play(page);
      await waitForLeader(page);
      for (let i = 1; i <= 8; i++) await send(page, ['A', 'B', 'C', 'D', 'E'][i % 5], `cmd${i}`);
      await eventually(() => states(page), sameEverywhere(8), 'every node to apply the eight commands', 20_000);
      await pause(page);
      await assertNoHorizontalScroll(page);
      const box = await logView(page).boundingBox();
      assert(box && box.x >= 0 && box.x + box.width <= PHONE.width + 0.5, `the log view is wider than the screen: ${JSON.stringify(box)}`);
      await logView(page).scrollIntoViewIfNeeded();
      await screenshot(page, ctx, 'multi-phone-390x844-log');
      await screenshot(page, ctx, 'multi-phone-390x844-full-page', { fullPage: true });
    },
  },
  {
    name: 'multi-paxos: a preset opens from the menu, from its start, and plays out to no-ops in slots 5-7',
    async run(ctx) {
      const page = await openApp(ctx);
      await switchToMulti(page);
      await page.getByRole('button', { name: 'Scenarios ▾' }).click();
      await page.locator('[data-preset="failover-noops"]').click();
      await page.getByText(/Leader failover: gaps filled with no-ops: /).waitFor();
      await logView(page).getByText('The log is empty').waitFor();
      await page.keyboard.press('End');
      for (const s of [5, 6, 7]) await page.locator(`tr.mp-row[data-node="B"] td[data-slot="${s}"][data-noop][data-state="applied"]`).waitFor();
      await eventually(() => states(page), sameEverywhere(6), 'the four live nodes to agree on a1-a4, a8, a9');
      await screenshot(page, ctx, 'multi-desktop-1280x800-preset-failover');
    },
  },
];
