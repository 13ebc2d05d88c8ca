import { useState } from 'react';
import { useSim } from '../store/react';

/**
 * A first-visit hint, shown until the run moves past its opening (or the user closes it): what is
 * on the screen and the two things to try first.
 */
export function GettingStarted() {
  const [closed, setClosed] = useState(false);
  // Only for the opening move itself: not at position 0 of a scrubbed run, nor in a run opened from a link.
  const opening = useSim((s) => {
    const f = s.frame;
    return !!f && f.position === f.length && f.totalEvents > 0 && f.totalEvents <= 12 && f.world.time === 0
      && f.world.monitor.proposed.length === 1 && f.world.monitor.proposed[0] === 'X';
  });
  if (closed || !opening) return null;
  return (
    <div className="app-hint" role="note">
      <p>
        <strong>A client has asked node A to write “X”.</strong> A is now the proposer: its <em>prepare</em> messages are
        on their way to B and C.{' '}
        <span className="app-hint-keys">
          Press <kbd>Space</kbd> (Play) to watch Paxos run, or <kbd>→</kbd> (Step) to move one message at a time. Click a
          node or a message to inspect it and act on it (crash, drop, duplicate…); right-click works too.
        </span>
        <span className="app-hint-touch">
          Tap Play to watch Paxos run, or Step to move one message at a time. Tap a node or a message to inspect it and
          act on it (crash, drop, duplicate…).
        </span>
      </p>
      <button type="button" className="app-hint-close" aria-label="Close the hint" onClick={() => setClosed(true)}>×</button>
    </div>
  );
}
