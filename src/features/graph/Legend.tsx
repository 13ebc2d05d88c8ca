import { MESSAGE_TYPES, type MessageType } from '../../core';
import '../../styles/theme.css';
import './graph.css';
import { MESSAGE_PHASE, MESSAGE_SHAPE, messageGlyph } from './text';

// What the graph's colours and shapes mean. Compact; wraps onto several lines on a phone.

const PHASE_TITLE: Readonly<Record<MessageType, string>> = {
  prepare: 'phase 1a: "promise not to accept lower ballots"',
  promise: 'phase 1b: the promise, with what the node already accepted',
  accept: 'phase 2a: "accept this value at this ballot"',
  accepted: 'phase 2b: the node accepted it',
  nack: 'rejection: the node promised a higher ballot',
  decide: 'the value is chosen: learn it',
  read: 'a client read: "what have you accepted?"',
  'read-reply': 'answer to a read',
};

function PillSample({ type }: { type: MessageType }) {
  const shape = MESSAGE_SHAPE[type];
  const glyph = messageGlyph(type);
  return (
    <svg className={`pg-legend-swatch pg-msg pg-msg--${type} pg-shape-${shape}`} width={30} height={16} viewBox="-15 -8 30 16" aria-hidden="true">
      <rect className="pg-pill-bg" x={-13.5} y={-6.5} width={27} height={13} rx={shape === 'reply' ? 6.5 : 2.5} />
      {glyph && <text className="pg-pill-text" fontSize={9}>{glyph}</text>}
    </svg>
  );
}

function NodeSample({ kind }: { kind: 'up' | 'crashed' | 'learned' | 'selected' | 'timer' }) {
  const cls = kind === 'crashed' ? 'is-down' : kind === 'learned' ? 'is-up is-learned' : kind === 'selected' ? 'is-up is-selected' : 'is-up';
  return (
    <svg className="pg-legend-swatch" width={24} height={24} viewBox="-12 -12 24 24" aria-hidden="true">
      <g className={`pg-node ${cls}`}>
        {kind === 'selected' && <circle className="pg-node-halo" r={11} />}
        {kind === 'learned' && <circle className="pg-node-learned-ring" r={9.5} />}
        <circle className="pg-node-body" r={7} />
        {kind === 'crashed' && <g className="pg-node-x"><path d="M-4,-4L4,4M4,-4L-4,4" /></g>}
        {kind === 'timer' && <g className="pg-badge pg-badge-timer"><circle r={6} /><path d="M0,-3.5V0L2.3,1.6" /></g>}
      </g>
    </svg>
  );
}

export function Legend() {
  return (
    <section className="pg-legend" aria-label="Legend">
      <ul className="pg-legend-list">
        {MESSAGE_TYPES.map((t) => (
          <li key={t} title={PHASE_TITLE[t]}>
            <PillSample type={t} />
            <span>{MESSAGE_PHASE[t] && <b>{MESSAGE_PHASE[t]} </b>}{t}</span>
          </li>
        ))}
      </ul>
      <p className="pg-legend-note">square = request · round = reply · dashed ✕ = rejection · ★ = decision</p>
      <ul className="pg-legend-list">
        <li><NodeSample kind="up" /><span>up</span></li>
        <li><NodeSample kind="crashed" /><span>crashed</span></li>
        <li><NodeSample kind="learned" /><span>learned ✓</span></li>
        <li><NodeSample kind="selected" /><span>selected</span></li>
        <li><NodeSample kind="timer" /><span>timer set</span></li>
        <li>
          <svg className="pg-legend-swatch" width={24} height={24} viewBox="-12 -12 24 24" aria-hidden="true">
            <g className="pg-drop"><circle r={8} /><path d="M-4,-4L4,4M4,-4L-4,4" /></g>
          </svg>
          <span>message lost</span>
        </li>
      </ul>
    </section>
  );
}
