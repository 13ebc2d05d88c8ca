// Client reads: a read needs a majority of nodes to report the same accepted proposal.
import {
  clientPanel, clientRead, crashWithInspector, DESKTOP, openApp, play, readItem, restartRun, screenshot, setSpeed,
  waitForChosen, waitForLog,
} from './helpers.mjs';

export const tests = [
  {
    name: 'with B and C crashed, a read at A times out and says why in words',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP);
      await restartRun(page);
      await crashWithInspector(page, 'B');
      await crashWithInspector(page, 'C');
      await clientRead(page, 'A');
      // While paused, the read is pending and says when it gives up.
      await readItem(page, /Read #1 at A: waiting — \d of 3 answered/).waitFor();
      await readItem(page, /Gives up at t=\d+/).waitFor();

      await setSpeed(page, 10);
      await play(page);
      await readItem(page, 'Read #1 at A failed: too few nodes answered before the timeout').waitFor();
      await waitForLog(page, 'read #1 at A fails: not-enough-responses (too few nodes answered before the timeout)');
      await clientPanel(page).scrollIntoViewIfNeeded();
      await screenshot(page, ctx, 'desktop-1280x800-read-failed');
    },
  },
  {
    name: 'after "X" is chosen, a read at C returns "X"',
    async run(ctx) {
      const page = await openApp(ctx, DESKTOP); // the opening write of "X" at A
      await setSpeed(page, 10);
      await play(page);
      await waitForChosen(page, 'X', '1.A');
      await clientRead(page, 'C');
      await readItem(page, /Read #1 at C\s*returned\s*X\s*a majority accepted ballot 1\.A/).waitFor();
      await waitForLog(page, 'read #1 at C returns "X" (a majority accepted 1.A)');
    },
  },
];
