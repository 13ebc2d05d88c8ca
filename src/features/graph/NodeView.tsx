import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { useSim } from '../../store/react';
import { CARD_METRICS, cardHeight, type CardDetail, type NodeSlot } from './layout';
import { parseTimerKinds, timerKinds, useSimStable, type OpenMenu, type SelectTarget } from './shared';
import { nodeAriaLabel, nodeCardLines, timerText, type CardLine } from './text';

// One node: its circle, badges and card. Memoised, and it selects only its own NodeState (the core
// keeps unchanged node objects identical between frames), so a frame re-renders only the nodes
// that changed.

export interface NodeViewProps {
  readonly slot: NodeSlot;
  readonly r: number;
  readonly detail: CardDetail;
  readonly nodeCount: number;
  readonly selected: boolean;
  readonly onSelect: SelectTarget;
  readonly onMenu: OpenMenu;
}

/** Rough width of a character of the card's sans-serif text, in em (errs wide: lines get cut, not clipped). */
const SANS_EM = 0.56;

function fit(text: string, chars: number): string {
  const glyphs = [...text];
  return glyphs.length <= chars ? text : `${glyphs.slice(0, Math.max(1, chars - 1)).join('')}…`;
}

function Card({ slot, detail, lines }: { slot: NodeSlot; detail: Exclude<CardDetail, 'none'>; lines: CardLine[] }) {
  const box = slot.card!;
  const m = CARD_METRICS[detail];
  const h = cardHeight(m, lines.length);
  // The reserved box fits the most lines; a shorter card hugs the node's side of it.
  const y = box.side === 'above' ? box.y + box.height - h : box.side === 'below' ? box.y : slot.y - h / 2;
  const chars = Math.floor((m.width - 2 * m.padX) / (m.fontPx * SANS_EM));
  return (
    <g className="pg-card" transform={`translate(${box.x - slot.x} ${y - slot.y})`}>
      <rect className="pg-card-bg" width={m.width} height={h} rx={6} />
      {lines.map((l, i) => (
        <text key={i} className={`pg-card-line pg-tone-${l.tone}`} x={m.padX} y={m.padY + (i + 0.78) * m.lineHeight} fontSize={m.fontPx}>
          {fit(l.text, chars)}
        </text>
      ))}
    </g>
  );
}

function ClockBadge({ r, label }: { r: number; label: string }) {
  const o = -r * 0.74;
  return (
    <g className="pg-badge pg-badge-timer" transform={`translate(${o} ${o})`}>
      <title>{label} pending</title>
      <circle r={8} />
      <path d="M0,-4.5V0L3,2" />
    </g>
  );
}

export const NodeView = memo(function NodeView({ slot, r, detail, nodeCount, selected, onSelect, onMenu }: NodeViewProps) {
  const node = useSimStable((s) => s.frame?.world.nodes[slot.index] ?? null);
  const timerKey = useSim((s) => timerKinds(s, slot.id));
  // A lesson step talking about this node: a ring around it (view state only, from the store).
  const spotlit = useSim((s) => s.spotlight?.nodes.includes(slot.id) ?? false);
  if (!node) return null;
  const timers = parseTimerKinds(timerKey);
  const learned = node.learned !== null && node.up;
  const phase = node.up ? node.proposer.phase : 'down';
  const cls = ['pg-node', `pg-phase-${phase}`, node.up ? 'is-up' : 'is-down', learned ? 'is-learned' : '', selected ? 'is-selected' : '', spotlit ? 'is-spotlit' : ''].filter(Boolean).join(' ');
  const lines = detail === 'none' ? [] : nodeCardLines(node, nodeCount, detail, CARD_METRICS[detail].maxLines);

  const select = (e: MouseEvent) => {
    e.stopPropagation();
    onSelect({ kind: 'node', id: slot.id });
  };
  const menu = (e: MouseEvent<SVGGElement>) => {
    e.preventDefault();
    e.stopPropagation();
    onMenu({ kind: 'node', id: slot.id }, e.clientX, e.clientY, e.currentTarget);
  };
  const key = (e: KeyboardEvent<SVGGElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onSelect({ kind: 'node', id: slot.id });
    } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      const b = e.currentTarget.getBoundingClientRect();
      onMenu({ kind: 'node', id: slot.id }, b.left + b.width / 2, b.top + b.height / 2, e.currentTarget);
    }
  };

  return (
    <g
      className={cls} transform={`translate(${slot.x} ${slot.y})`} data-node={slot.id}
      tabIndex={0} role="button" aria-pressed={selected} aria-label={nodeAriaLabel(node, nodeCount, timers)}
      onClick={select} onContextMenu={menu} onKeyDown={key}
    >
      {slot.card && detail !== 'none' && <Card slot={slot} detail={detail} lines={lines} />}
      <circle className="pg-node-halo" r={r + 9} />
      {spotlit && <circle className="pg-node-spot" r={r + 15} data-spotlight="" />}
      {learned && <circle className="pg-node-learned-ring" r={r + 4.5} />}
      <circle className="pg-node-body" r={r} />
      <text className="pg-node-name" fontSize={Math.round(r * 0.85)}>{slot.id}</text>
      {!node.up && (
        <g className="pg-node-x" aria-hidden="true">
          <path d={`M${-r * 0.62},${-r * 0.62}L${r * 0.62},${r * 0.62}M${r * 0.62},${-r * 0.62}L${-r * 0.62},${r * 0.62}`} />
        </g>
      )}
      {!node.up && detail === 'none' && <text className="pg-node-caption" y={r + 13}>crashed</text>}
      {learned && (
        <g className="pg-badge pg-badge-learned" transform={`translate(${r * 0.74} ${-r * 0.74})`}>
          <circle r={8.5} />
          <path d="M-4,0.5L-1.2,3.3L4,-2.6" />
        </g>
      )}
      {timers.length > 0 && node.up && <ClockBadge r={r} label={timerText(timers)} />}
    </g>
  );
});
