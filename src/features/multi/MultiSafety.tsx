import { MULTI_INVARIANTS, type MultiInvariant } from '../../core';
import { useSim } from '../../store/react';
import './multi.css';

// The omniscient monitor's six Multi-Paxos invariants, green while they hold, red with the
// monitor's explanation once broken.

const TEXT: Record<MultiInvariant, string> = {
  'slot-agreement': 'At most one value is chosen per slot',
  'slot-validity': 'A chosen value is a client’s command or a no-op',
  'learned-is-chosen': 'A node learns only the value chosen for that slot',
  'applied-prefix': 'Every node applies the same command at the same slot',
  'applied-in-order': 'A node applies slots in order, never past a gap',
  'applied-once': 'No command is applied twice (a retried request counts once)',
};

export function MultiSafety() {
  const violations = useSim((s) => s.frame?.multi?.monitor.violations ?? []);
  const chosen = useSim((s) => Object.keys(s.frame?.multi?.monitor.chosen ?? {}).length);
  return (
    <section className="mp-safety" aria-labelledby="mp-safety-title">
      <h2 id="mp-safety-title" className="mp-title">Safety <span className="mp-muted">· {chosen} slot{chosen === 1 ? '' : 's'} chosen</span></h2>
      <ul className="mp-inv">
        {MULTI_INVARIANTS.map((inv) => {
          const broken = violations.filter((v) => v.invariant === inv);
          return (
            <li key={inv} className={broken.length ? 'is-broken' : 'is-ok'} data-invariant={inv}>
              <span aria-hidden="true">{broken.length ? '✕' : '✓'}</span> {TEXT[inv]}
              <span className="mp-sr">{broken.length ? ': violated' : ': holds'}</span>
              {broken.slice(0, 3).map((v, i) => <p key={i} className="mp-error">t={v.time}: {v.explanation}</p>)}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
