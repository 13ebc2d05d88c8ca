// The explorer: from the opening (a write in flight), explore every interleaving in the explorer
// worker, read the answer, load the shortest schedule to "X chosen" into the main view and step
// through it.
import { assert, eventually, openApp, safetyPanel, screenshot, toolbar, waitForChosen, DESKTOP, PHONE, PHONE_CONTEXT, assertNoHorizontalScroll } from './helpers.mjs';

const explorer = (page) => page.getByRole('region', { name: 'Explorer' });
const slider = (page) => page.getByRole('region', { name: 'Timeline' }).getByRole('slider');
const sliderValue = async (page) => Number(await slider(page).inputValue());
const inFlight = (page) => page.getByRole('group', { name: 'Messages in flight' }).getByRole('button').count();

export const tests = [
  {
    name: 'explore from the opening, see that only "X" can be chosen, watch the schedule animate',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      const panel = explorer(page);
      await panel.getByRole('button', { name: 'Explore from here' }).click();
      const answer = panel.getByTestId('explorer-answer');
      await answer.getByText(/^Safe: in all [\d,]+ reachable states no two values are chosen\.$/).waitFor({ timeout: 20_000 });
      const stats = await answer.locator('.explorer-stats').innerText();
      assert(/every reachable state was explored/.test(stats), `the search should be exhaustive: ${stats}`);
      console.log(`    explorer stats: ${stats}`);
      await answer.getByText('in 3 steps').waitFor();
      await answer.scrollIntoViewIfNeeded();
      await screenshot(page, ctx, 'explorer-answer');

      const start = await sliderValue(page);
      const messagesBefore = await inFlight(page);
      await answer.getByRole('button', { name: 'Watch “X” get chosen' }).click();
      // The view opens at the moment the exploration started, with the schedule recorded after it.
      await eventually(async () => Number(await slider(page).getAttribute('max')), (m) => m === start + 3, 'the timeline to hold the 3-step schedule');
      assert(await sliderValue(page) === start, 'the view should open where the exploration started');
      assert(/Nothing chosen yet/i.test(await safetyPanel(page).innerText()), 'nothing should be chosen before stepping');

      // Step through it: the timeline and the graph move.
      const step = toolbar(page).getByRole('button', { name: /^Step/ }).first();
      await step.click();
      await eventually(() => sliderValue(page), (v) => v === start + 1, 'the timeline to move one step');
      // A prepare was delivered and its promise is on the wire now.
      await page.getByRole('group', { name: 'Messages in flight' }).getByRole('button', { name: /^promise 1\.A, from [BC] to A$/ }).waitFor();
      assert(await inFlight(page) === messagesBefore, 'one prepare delivered, one promise sent');
      await step.click();
      await step.click();
      await eventually(() => sliderValue(page), (v) => v === start + 3, 'the timeline to reach the end of the schedule');
      await waitForChosen(page, 'X', '1.A', 8_000);
      await screenshot(page, ctx, 'explorer-watched');
    },
  },
  {
    name: 'all 8,220,065 states of Lamport\'s model with 4 ballots, checked in the worker',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      const panel = explorer(page);
      await panel.getByRole('tab', { name: 'Lamport’s model' }).click();
      await panel.getByRole('combobox', { name: /Ballots/ }).selectOption('4');
      await panel.getByRole('combobox', { name: /States ≤/ }).selectOption('10000000');
      await panel.getByRole('button', { name: 'Explore Lamport’s model' }).click();
      await panel.getByText('Agreement holds in all 8,220,065 distinct states.').waitFor({ timeout: 60_000 });
      const stats = await panel.getByText(/67,903,141 transitions, depth 32/).innerText();
      assert(/every reachable state was explored/.test(stats), `the search should be exhaustive: ${stats}`);
      console.log(`    ${stats}`);
    },
  },
  {
    name: 'Lamport\'s model runs in the worker and shows a counterexample; the panel fits a phone',
    async run(ctx) {
      const page = await openApp(ctx, PHONE, PHONE_CONTEXT);
      const panel = explorer(page);
      await panel.getByRole('tab', { name: 'Lamport’s model' }).click();
      await panel.getByRole('combobox', { name: /Rules/ }).selectOption('phase2b-ignores-promise');
      await panel.getByRole('button', { name: 'Explore Lamport’s model' }).click();
      await panel.getByText('Agreement violated: shortest counterexample has 12 steps.').waitFor({ timeout: 20_000 });
      await panel.scrollIntoViewIfNeeded();
      await assertNoHorizontalScroll(page);
      await screenshot(page, ctx, 'explorer-lamport-phone');
    },
  },
];

// With a broken rule on, the explorer finds a counterexample from the current moment, and "Watch it"
// loads the schedule that breaks safety into the main view.
tests.push({
  name: 'with ballots compared by round only, the explorer finds a safety violation and the counterexample animates',
  async run(ctx) {
    const page = await openApp(ctx, DESKTOP);
    await page.getByRole('button', { name: 'Break Paxos ▾' }).click();
    await page.getByRole('group', { name: 'Break Paxos: open a run with one rule broken' })
      .getByRole('button', { name: /^Ballots without the node-id tie-break/ }).click();
    await page.getByRole('status').filter({ hasText: /^⚠Broken rule: Ballots without the node-id tie-break/ }).waitFor();
    // Two steps into the preset: A and B have both asked for a ballot in round 1; their prepares are on the wire.
    const step = toolbar(page).getByRole('button', { name: 'Step', exact: true });
    await step.click();
    await step.click();
    await eventually(() => sliderValue(page), (v) => v === 2, 'two steps into the preset');
    const panel = explorer(page);
    await panel.getByRole('button', { name: 'Explore from here' }).click();
    const answer = panel.getByTestId('explorer-answer');
    await answer.getByText(/^Violation possible: /).waitFor({ timeout: 30_000 });
    const verdict = await answer.innerText();
    console.log(`    ${verdict.split('\n')[0]}`);
    await answer.getByRole('button', { name: 'Watch it' }).first().click();
    // The counterexample opens where the exploration started; stepping it to its end breaks a rule.
    await eventually(() => sliderValue(page), (v) => v === 2, 'the counterexample to open at the moment explored');
    const end = Number(await slider(page).getAttribute('max'));
    assert(end > 2, `the counterexample should add steps after the start (max ${end})`);
    for (let i = 2; i < end; i++) await step.click();
    await eventually(() => sliderValue(page), (v) => v === end, 'the counterexample to play to its end');
    await eventually(() => safetyPanel(page).innerText(), (t) => /VIOLATED/i.test(t), 'the safety panel to report the violation');
    await screenshot(page, ctx, 'explorer-counterexample');
  },
});
