// Guided lessons (issue 6): walk through lesson 1 with Next (Back is time travel), solve its
// challenge by delivering messages in the graph and see the ✓; open a lesson step by its URL and
// see that step's world; an address naming no lesson shows a plain banner and the normal app.
import {
  assert, DESKTOP, eventually, message, nodeButton, openApp, PHONE, PHONE_CONTEXT, safetyPanel, screenshot, waitForChosen, waitForNode,
} from './helpers.mjs';

const card = (page, n) => page.getByRole('region', { name: `Lesson ${n}`, exact: true });
const progress = (page, n) => card(page, n).getByText(/^Step \d+ of \d+$/).innerText();
const heading = (page, n) => card(page, n).getByRole('heading').innerText();
const search = (page) => page.evaluate(() => window.location.search);

async function waitForStep(page, n, k, of, title) {
  await eventually(() => progress(page, n), (t) => t === `Step ${k} of ${of}`, `lesson ${n} to show step ${k} of ${of}`);
  if (title) await eventually(() => heading(page, n), (t) => t.includes(title), `the heading "${title}"`);
  await eventually(() => search(page), (s) => s === `?lesson=${n}&step=${k}`, `the address to say lesson ${n}, step ${k}`);
}

/** Click a message pill and press "Deliver now" in the inspector. */
async function deliver(page, pill) {
  await pill.click();
  const panel = page.getByRole('region', { name: /^Message #\d+$/ });
  await panel.getByRole('button', { name: 'Deliver now' }).click();
  await pill.waitFor({ state: 'detached' });
}

export const tests = [
  {
    name: 'lesson 1 from the menu, Next to the challenge (Back is time travel), solved in the graph: ✓',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      await page.getByRole('button', { name: 'Lessons ▾' }).click();
      const menu = page.getByRole('group', { name: /^Lessons/ });
      await eventually(() => menu.getByRole('listitem').count(), (n) => n === 8, 'eight lessons in the menu');
      await screenshot(page, ctx, 'lessons-menu-1280x800');
      await menu.getByRole('button', { name: /^Lesson 1: The problem and the roles/ }).click();

      await waitForStep(page, 1, 1, 9, 'Three nodes must agree on one value');
      // The lesson's run starts empty: nothing on the wire yet.
      await waitForNode(page, 'A', /^Node A, up, no promise, nothing accepted$/);
      const next = card(page, 1).getByRole('button', { name: 'Next →' });
      await next.click();
      await waitForStep(page, 1, 2, 9, 'Every node plays three roles');
      await next.click();
      await waitForStep(page, 1, 3, 9, 'A client asks A to write "X"');
      await message(page, 'prepare 1.A', 'A', 'B').waitFor();
      // The spotlight: a ring around A, the prepares emphasised.
      await nodeButton(page, 'A').locator('[data-spotlight]').waitFor();
      await next.click();
      await waitForStep(page, 1, 4, 9, 'B promises');
      await message(page, 'promise 1.A', 'B', 'A').waitFor();
      await next.click();
      await next.click();
      await waitForStep(page, 1, 6, 9, 'B accepts: "X" is chosen');
      await waitForChosen(page, 'X', '1.A');
      await screenshot(page, ctx, 'lessons-lesson1-step6-1280x800');

      // Back travels in time: before B accepted, nothing is chosen and the accept is on the wire.
      await card(page, 1).getByRole('button', { name: '← Back' }).click();
      await waitForStep(page, 1, 5, 9, 'A asks the acceptors to accept "X"');
      await eventually(() => safetyPanel(page).innerText(), (t) => /Nothing chosen yet/i.test(t), 'nothing chosen after Back');
      await message(page, 'accept 1.A "X"', 'A', 'B').waitFor();
      // A lesson step is a moment of the lesson's recorded run: the timeline says so calmly
      // (not the "Viewing the past … discards" warning of a run of one's own).
      await page.getByText(/^Lesson run\./).waitFor();
      if (await page.getByText(/^Viewing the past\./).count() !== 0) throw new Error('the past-run warning is shown during a lesson');

      await next.click();
      await next.click();
      await next.click();
      await waitForStep(page, 1, 8, 9, 'Everyone knows');
      await waitForNode(page, 'C', /learned/);
      await card(page, 1).getByRole('button', { name: 'Next: try it yourself →' }).click();
      await waitForStep(page, 1, 9, 9, 'Get a value chosen by delivering the messages yourself.');
      await message(page, 'prepare 1.B', 'B', 'C').waitFor();

      // A check before doing anything: what is missing, and the hint.
      await card(page, 1).getByRole('button', { name: 'Check' }).click();
      await card(page, 1).getByText(/^Not yet:/).waitFor();
      await card(page, 1).getByText(/^Hint:/).waitFor();
      await card(page, 1).getByRole('button', { name: 'Show me' }).waitFor();

      // Solve it by hand: B's prepare to C, C's promise back, B's accept to C.
      await deliver(page, message(page, 'prepare 1.B', 'B', 'C'));
      await deliver(page, message(page, 'promise 1.B', 'C', 'B'));
      await deliver(page, message(page, 'accept 1.B "Y"', 'B', 'C'));
      await card(page, 1).getByText('Solved!').waitFor();
      await waitForChosen(page, 'Y', '1.B');
      assert(!(await card(page, 1).getByText(/^Not yet:/).isVisible()), '"Not yet" still shown after solving');
      await screenshot(page, ctx, 'lessons-challenge-solved-1280x800');

      // Remembered: the menu shows the ✓, also after a reload.
      await page.reload();
      await page.getByRole('button', { name: 'Lessons ▾' }).click();
      await page.getByRole('group', { name: /^Lessons/ }).getByRole('listitem').first().getByLabel('challenge solved').waitFor();
    },
  },
  {
    name: 'a lesson step opens by its URL in that step\'s world; Back goes back in time; Exit cleans the address',
    async run(ctx) {
      const page = await ctx.open('?lesson=2&step=7', DESKTOP);
      await waitForStep(page, 2, 7, 9, 'B refuses A\'s accept 1.A');
      await eventually(() => card(page, 2).innerText(), (t) => t.includes('Lesson 2 of 8 · Phase 1: prepare, promises and ballot numbers'), 'the lesson title');
      // The world of that step: B promised 1.C and its nack to A is on the wire.
      await message(page, 'nack 1.A (promised 1.C)', 'B', 'A').waitFor();
      await waitForNode(page, 'B', /promised 1\.C/);
      await nodeButton(page, 'B').locator('[data-spotlight]').waitFor();
      await screenshot(page, ctx, 'lessons-url-lesson2-step7-1280x800');

      await card(page, 2).getByRole('button', { name: '← Back' }).click();
      await waitForStep(page, 2, 6, 9, 'B promises the higher ballot 1.C');
      await message(page, 'nack 1.A (promised 1.C)', 'B', 'A').waitFor({ state: 'detached' });
      await message(page, 'accept 1.A "X"', 'A', 'B').waitFor();
      await page.getByText(/^Lesson run\./).waitFor();

      await card(page, 2).getByRole('button', { name: 'Exit lesson' }).click();
      await card(page, 2).waitFor({ state: 'detached' });
      // Out of the lesson, the same moment is the past of the student's own run again.
      await page.getByText(/^Viewing the past\./).waitFor();
      await eventually(() => search(page), (s) => s === '', 'the lesson parameters to leave the address');
      assert((await nodeButton(page, 'B').locator('[data-spotlight]').count()) === 0, 'the spotlight stays after Exit');
    },
  },
  {
    name: 'an address naming no lesson shows a plain banner and the normal app',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP, {});
      await page.goto(new URL('?lesson=99', ctx.baseURL).href);
      await page.getByRole('alert').filter({ hasText: 'There is no lesson 99; lessons are 1–8.' }).waitFor();
      await message(page, 'prepare 1.A', 'A', 'B').waitFor();
      assert((await page.getByRole('region', { name: /^Lesson \d$/ }).count()) === 0, 'a lesson card is open');
    },
  },
  {
    name: 'on a phone: the card comes right before the graph',
    async run(ctx) {
      const page = await ctx.open('?lesson=3&step=2', PHONE, { context: PHONE_CONTEXT });
      await waitForStep(page, 3, 2, 8, 'B accepts: "X" is chosen');
      const cardBox = await card(page, 3).boundingBox();
      const graphBox = await page.getByRole('group', { name: /^Cluster of \d+ nodes$/ }).boundingBox();
      assert(cardBox && graphBox && cardBox.y + cardBox.height <= graphBox.y && graphBox.y - (cardBox.y + cardBox.height) < 120,
        `the card is not right before the graph: card ${JSON.stringify(cardBox)}, graph ${JSON.stringify(graphBox)}`);
      assert(cardBox.width <= PHONE.width, 'the card is wider than the phone');
      await card(page, 3).scrollIntoViewIfNeeded();
      await screenshot(page, ctx, 'lessons-phone-390x844');
    },
  },
];
