import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { MultiEvent } from '../../core';
import { useThrottledSim } from '../../store/react';
import type { SimState } from '../../store/simStore';
import { multiView } from './viewState';
import './multi.css';

// The Multi-Paxos event log: the core's one line per event, newest first. Heartbeats,
// their timers and the sends and deliveries of every message can be hidden, so the protocol's
// moves (elections, proposals, choices, applies) stand out.

const playing = (s: SimState) => s.frame?.playing ?? false;
const selectLog = (s: SimState) => s.multiLog;
const SHOWN = 200;

const isHeartbeat = (e: MultiEvent) =>
  ((e.type === 'send' || e.type === 'deliver' || e.type === 'drop' || e.type === 'ignore') && e.msg.type === 'heartbeat')
  || ((e.type === 'timer-set' || e.type === 'timer-fire') && e.timer.kind === 'heartbeat');
const isNet = (e: MultiEvent) => e.type === 'send' || e.type === 'deliver' || e.type === 'timer-set';
const KEY: Partial<Record<MultiEvent['type'], string>> = {
  leader: 'key', chosen: 'key', election: 'key', 'step-down': 'warn', violation: 'bad', apply: 'apply', request: 'client',
  crash: 'fault', restart: 'fault', partition: 'fault', heal: 'fault', drop: 'warn', ignore: 'warn', reject: 'warn',
};

export function MultiEventLog() {
  const log = useThrottledSim(selectLog, playing);
  const showHeartbeats = useStore(multiView, (s) => s.showHeartbeats);
  const [showNet, setShowNet] = useState(false);
  const lines = useMemo(
    () => log.filter((l) => (showHeartbeats || !isHeartbeat(l.event)) && (showNet || !isNet(l.event))).slice(-SHOWN),
    [log, showHeartbeats, showNet],
  );
  return (
    <section className="mp-events" aria-labelledby="mp-events-title">
      <div className="mp-head">
        <h2 id="mp-events-title" className="mp-title">Event log</h2>
        <label className="mp-toggle"><input type="checkbox" checked={showNet} onChange={(e) => setShowNet(e.target.checked)} /> sends, deliveries, timers</label>
      </div>
      <ol className="mp-events-list" aria-live="off">
        {lines.slice().reverse().map((l) => (
          <li key={l.index} className={`mp-ev mp-ev-${KEY[l.event.type] ?? 'plain'}`} data-type={l.event.type}>
            <span className="mp-ev-time">{l.event.time}</span> {l.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
