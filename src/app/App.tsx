import { useMemo } from 'react';
import { runDemo, type TraceRow } from './demo';

// Placeholder page until the interactive UI lands: what Paxoscope is, plus a small demo computed
// live by the pure core. Every value is rendered as React text (escaped), never as markup.

const ROW_CLASS: Partial<Record<TraceRow['kind'], string>> = {
  chosen: 'row-chosen',
  learn: 'row-learn',
  violation: 'row-violation',
  write: 'row-client',
  'read-start': 'row-client',
  'read-done': 'row-client',
  ignore: 'row-muted',
  'timer-set': 'row-muted',
};

export function App() {
  const demo = useMemo(() => runDemo(), []);

  return (
    <div className="page">
      <header className="site-header">
        <h1>
          <img src="./favicon.svg" alt="" width={32} height={32} />
          Paxoscope
        </h1>
        <p className="tagline">Watch, step through and break the Paxos consensus algorithm.</p>
      </header>

      <main>
        <p className="intro">
          Paxoscope is an interactive, deterministic Paxos visualization that runs entirely in your
          browser. A small simulated cluster of nodes proposes, promises and accepts; you can deliver,
          drop, delay or duplicate every message, crash and restart nodes, and partition the network,
          while a safety monitor checks that no two values are ever chosen. Every run is a seed plus a
          list of commands, so any run can be replayed exactly.
        </p>

        <section className="demo" aria-labelledby="demo-title">
          <h2 id="demo-title">Live demo{demo.ok ? `: ${demo.title}` : ''}</h2>
          {demo.ok ? (
            <>
              <p className="demo-lead">
                {demo.description} Computed just now by the Paxos core in this page (3 nodes, seed 7).
              </p>
              <div className="demo-grid">
                <dl className="summary">
                  <div className="summary-item chosen">
                    <dt>Chosen value</dt>
                    <dd>
                      <span className="chosen-value" data-testid="chosen-value">{demo.chosen ?? 'nothing yet'}</span>
                      {demo.chosenBallot && <span className="ballot">ballot {demo.chosenBallot}</span>}
                    </dd>
                  </div>
                  <div className="summary-item">
                    <dt>Learned</dt>
                    <dd>
                      <ul className="nodes" aria-label="What each node learned">
                        {demo.learned.map((n) => (
                          <li key={n.node} className={n.value === null ? 'node' : 'node node-learned'}>
                            <span className="node-id">{n.node}</span>
                            <span className="node-value">{n.value ?? '—'}</span>
                          </li>
                        ))}
                      </ul>
                    </dd>
                  </div>
                  {demo.reads.map((r, i) => (
                    <div className="summary-item" key={i}>
                      <dt>Read at {r.node}</dt>
                      <dd>
                        {r.result === 'ok'
                          ? <>returns <span className="value">{r.value}</span></>
                          : `fails (${r.reason})`}
                      </dd>
                    </div>
                  ))}
                  <div className="summary-item">
                    <dt>Safety</dt>
                    <dd className={demo.violations === 0 ? 'safe' : 'unsafe'}>
                      {demo.violations === 0 ? 'all invariants hold' : `${demo.violations} violation(s)`}
                    </dd>
                  </div>
                </dl>

                <figure className="trace">
                  <figcaption>Trace: {demo.rows.length} events over {demo.finalTime} ticks</figcaption>
                  <ol className="trace-lines" data-testid="trace">
                    {demo.rows.map((row, i) => (
                      <li key={i} className={ROW_CLASS[row.kind]}>
                        <span className="t">{row.time}</span>
                        <span className="text">{row.text}</span>
                      </li>
                    ))}
                  </ol>
                  {demo.stepError && <p className="error" role="alert">{demo.stepError}</p>}
                </figure>
              </div>
            </>
          ) : (
            <p className="error" role="alert">The demo scenario is invalid: {demo.error}</p>
          )}
        </section>
      </main>

      <footer className="site-footer">
        This is a placeholder page: the interactive visualization is being built.
      </footer>
    </div>
  );
}
