// A phone (390×844, touch): no sideways scrolling, and nodes respond to a tap.
import {
  assert, assertNoHorizontalScroll, inspector, nodeButton, openApp, PHONE, PHONE_CONTEXT, screenshot, waitForNode,
} from './helpers.mjs';

export const tests = [
  {
    name: 'renders without sideways scrolling; tapping node B selects it and the inspector shows it',
    async run(ctx) {
      const page = await openApp(ctx, PHONE, { context: PHONE_CONTEXT });
      await assertNoHorizontalScroll(page);
      await screenshot(page, ctx, 'phone-390x844-opening');

      // Every node is on screen (inside the viewport's width) and big enough to tap.
      for (const id of ['A', 'B', 'C']) {
        const box = await nodeButton(page, id).boundingBox();
        assert(box && box.x >= 0 && box.x + box.width <= PHONE.width, `node ${id} is not within the screen's width: ${JSON.stringify(box)}`);
        assert(box.width >= 44 && box.height >= 44, `node ${id} is smaller than a 44 px tap target: ${JSON.stringify(box)}`);
      }

      await nodeButton(page, 'B').tap();
      await waitForNode(page, 'B', /^Node B, up, /);
      assert(await nodeButton(page, 'B').getAttribute('aria-pressed') === 'true', 'node B is not shown as selected after a tap');
      const panel = inspector(page, 'Node B');
      await panel.waitFor();
      await panel.getByRole('group', { name: 'Actions on node B' }).getByRole('button', { name: 'Crash node' }).waitFor();
      await assertNoHorizontalScroll(page);

      // Tapping another node moves the selection.
      await nodeButton(page, 'C').tap();
      await inspector(page, 'Node C').waitFor();
      assert(await nodeButton(page, 'B').getAttribute('aria-pressed') === 'false', 'node B still looks selected after tapping C');

      await screenshot(page, ctx, 'phone-390x844-full-page', { fullPage: true });
    },
  },
];
