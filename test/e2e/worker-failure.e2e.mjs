// When the simulation worker fails, the page says so and offers a restart: never a blank page or
// a frozen "Starting…". The failures are made from outside (page.route on the worker's script),
// without touching the app's code.
import { assert, DESKTOP, message, nodeButton, screenshot, waitForNode } from './helpers.mjs';

const WORKER_SCRIPT = '**/assets/worker-*.js';

/** Open the page with the worker's script answered by `fulfill` (a Playwright route handler). */
async function openWithBrokenWorker(ctx, fulfill, allow) {
  let requests = 0;
  const page = await ctx.open('', DESKTOP, {
    allow,
    beforeLoad: (p) => p.route(WORKER_SCRIPT, (route) => {
      requests++;
      return fulfill(route);
    }),
  });
  return { page, requests: () => requests };
}

async function expectFatalAlert(page) {
  const alert = page.getByRole('alert').filter({ hasText: 'The simulation stopped unexpectedly.' });
  await alert.waitFor({ timeout: 5_000 });
  const restart = alert.getByRole('button', { name: 'Restart the simulation' });
  await restart.waitFor();
  return { alert, restart };
}

/** After the script is served normally again, "Restart the simulation" brings the app back. */
async function restartRecovers(page, alert, restart) {
  await page.unroute(WORKER_SCRIPT);
  await restart.click();
  await message(page, 'prepare 1.A', 'A', 'B').waitFor();
  await waitForNode(page, 'A', /^Node A, up, proposer 1\.A for "X"/);
  await alert.waitFor({ state: 'detached' });
  assert(await page.getByText('Starting the simulation…').count() === 0, '"Starting the simulation…" is still shown after the restart');
}

export const tests = [
  {
    name: 'worker script answers HTTP 500: an alert with "Restart the simulation", which recovers',
    async run(ctx) {
      const { page, requests } = await openWithBrokenWorker(
        ctx,
        (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'server error' }),
        [/HTTP 500: .*\/assets\/worker-/, /request failed: .*\/assets\/worker-/, /console error: .*worker/i, /console error: Failed to load resource/],
      );
      const { alert, restart } = await expectFatalAlert(page);
      assert(requests() >= 1, 'the worker script was never requested');
      await screenshot(page, ctx, 'desktop-1280x800-worker-failed');
      assert(await nodeButton(page, 'A').count() === 0, 'nodes are shown although the simulation never started');
      await restartRecovers(page, alert, restart);
    },
  },
  {
    name: 'worker script is not valid JavaScript: an alert with "Restart the simulation"',
    async run(ctx) {
      const { page } = await openWithBrokenWorker(
        ctx,
        (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: 'this is not javascript {' }),
        [/console error: .*SyntaxError/, /page error: .*SyntaxError/],
      );
      const { alert, restart } = await expectFatalAlert(page);
      const detail = (await alert.innerText()).replace('The simulation stopped unexpectedly.', '').replace('Restart the simulation', '').trim();
      assert(detail.length > 0, 'the alert gives no detail about the failure');
      await restartRecovers(page, alert, restart);
    },
  },
  {
    name: 'worker throws while running (on a "crash" command): an alert with "Restart the simulation"',
    async run(ctx) {
      // The real worker, plus a listener that throws when the user crashes a node.
      const { page } = await openWithBrokenWorker(ctx, async (route) => {
        const response = await route.fetch();
        const body = `self.addEventListener('message', (e) => {
  if (JSON.stringify(e.data ?? null).includes('"crash"')) throw new Error('injected failure in the simulation worker');
});\n${await response.text()}`;
        await route.fulfill({ response, body });
      }, [/console error: .*injected failure/, /page error: .*injected failure/]);
      await message(page, 'prepare 1.A', 'A', 'B').waitFor();
      await nodeButton(page, 'C').click();
      await page.getByRole('region', { name: 'Node C' }).getByRole('button', { name: 'Crash node' }).click();
      const { alert, restart } = await expectFatalAlert(page);
      const text = await alert.innerText();
      assert(/injected failure/.test(text), `the alert does not say what went wrong: ${JSON.stringify(text)}`);
      await restartRecovers(page, alert, restart);
    },
  },
];
