import { Timeline } from '../features/controls';
import { LessonCard } from '../features/lessons';
import { MultiClientPanel, MultiEventLog, MultiGraph, MultiLogView, MultiNodes, MultiSafety } from '../features/multi';

// The Multi-Paxos workbench, in its own module so that App loads it (and the Multi-Paxos UI) only
// when a student switches to Multi-Paxos.

/**
 * Multi-Paxos: graph and timeline | the replicated log (it grows to the right, so it gets the
 * widest column), the client and the node cards | safety and the event log.
 */
export default function MultiMain() {
  return (
    <main className="app-main app-main-multi">
      <div className="app-col app-col-main">
        <section className="app-area app-graph" aria-label="Cluster">
          <MultiGraph />
          <Timeline />
        </section>
      </div>
      <div className="app-col app-col-multilog">
        <div className="app-area app-multilog"><MultiLogView /></div>
        <div className="app-area app-client"><MultiClientPanel /></div>
        <div className="app-area app-nodes"><MultiNodes /></div>
      </div>
      <div className="app-col">
        <div className="app-area app-lesson"><LessonCard /></div>
        <div className="app-area app-safety"><MultiSafety /></div>
        <div className="app-area app-log"><MultiEventLog /></div>
      </div>
    </main>
  );
}

