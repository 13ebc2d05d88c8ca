import { memo, useMemo, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatBallot, partitionGroups } from '../../core';
import { useSim } from '../../store/react';
import { dropPoint, edgeBetween, groupLabelPoint, groupOutline, type GraphLayout, type NodeSlot } from './layout';
import { NO_NUMBERS, recentDrops, usePresence, useReducedMotion, useSimStable } from './shared';
import { quoteValue } from './text';

// The graph's static layers: the wires between nodes, partition groups, the verdict in the centre
// and the ✕ marks where messages were lost. Each selects a narrow slice of the store.

const NO_FLAGS: readonly boolean[] = [];

export function isPartitioned(partition: readonly number[]): boolean {
  return partition.some((g) => g !== partition[0]);
}

export const EdgeLayer = memo(function EdgeLayer({ layout }: { layout: GraphLayout }) {
  const partition = useSim(useShallow((s) => s.frame?.world.partition ?? NO_NUMBERS));
  const up = useSim(useShallow((s) => s.frame?.world.nodes.map((n) => n.up) ?? NO_FLAGS));
  const nodes = layout.nodes;
  const edges: ReactNode[] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i]!;
      const b = nodes[j]!;
      const key = `${a.id}${b.id}`;
      const cut = partition.length > j && partition[i] !== partition[j];
      if (cut) {
        // A broken wire: two stubs with a red ✕ in the gap.
        const mx = (a.x + b.x) / 2;
        const my = (a.y + b.y) / 2;
        const gx = (b.x - a.x) * 0.09;
        const gy = (b.y - a.y) * 0.09;
        edges.push(
          <g key={key} className="pg-edge is-cut">
            <line x1={a.x} y1={a.y} x2={mx - gx} y2={my - gy} />
            <line x1={b.x} y1={b.y} x2={mx + gx} y2={my + gy} />
            <path className="pg-edge-cut-x" d={`M${mx - 5},${my - 5}L${mx + 5},${my + 5}M${mx + 5},${my - 5}L${mx - 5},${my + 5}`} />
          </g>,
        );
      } else {
        const down = up[i] === false || up[j] === false;
        edges.push(<line key={key} className={`pg-edge${down ? ' is-down' : ''}`} x1={a.x} y1={a.y} x2={b.x} y2={b.y} />);
      }
    }
  }
  return <g className="pg-edges" aria-hidden="true">{edges}</g>;
});

export const PartitionLayer = memo(function PartitionLayer({ layout }: { layout: GraphLayout }) {
  const partition = useSim(useShallow((s) => s.frame?.world.partition ?? NO_NUMBERS));
  const groups = useMemo(() => {
    if (!isPartitioned(partition) || partition.length !== layout.nodes.length) return [];
    return partitionGroups(layout.nodes.map((n) => n.id), partition).map((ids) => {
      const slots = ids.map((id) => layout.nodes.find((n) => n.id === id)).filter((n): n is NodeSlot => n !== undefined);
      return { ids, outline: groupOutline(slots), label: groupLabelPoint(slots, layout.center, layout.nodeRadius + 24) };
    });
  }, [partition, layout]);
  if (groups.length === 0) return null;
  const pad = 2 * (layout.nodeRadius + 14);
  return (
    <g className="pg-partition" aria-hidden="true">
      {groups.map((g, i) => (
        <path key={g.ids.join('')} className={`pg-group pg-group-${i % 4}`} d={g.outline} strokeWidth={pad} />
      ))}
    </g>
  );
});

/** "Partitioned: {A B} | {C D E}" — the HTML banner in the graph's corner. */
export function PartitionBanner() {
  const partition = useSim(useShallow((s) => s.frame?.world.partition ?? NO_NUMBERS));
  const ids = useSim(useShallow((s) => s.frame?.world.nodes.map((n) => n.id) ?? []));
  if (!isPartitioned(partition) || ids.length !== partition.length) return null;
  const groups = partitionGroups(ids, partition);
  return (
    <p className="pg-banner pg-banner-partition" role="status">
      <strong>Network partition</strong>{' '}
      {groups.map((g, i) => (
        <span key={g.join('')} className={`pg-group-chip pg-group-${i % 4}`}>{g.join(' ')}</span>
      ))}
      <span className="pg-banner-note">messages between groups are lost</span>
    </p>
  );
}

/** How long the previous verdict takes to fade out (the .pg-chosen.is-leaving animation). */
const CHOSEN_EXIT_MS = 200;

export const CenterBadge = memo(function CenterBadge({ layout }: { layout: GraphLayout }) {
  const chosen = useSimStable((s) => s.frame?.world.monitor.chosen ?? []);
  const violations = useSim((s) => s.frame?.world.monitor.violations.length ?? 0);
  const firstViolation = useSim((s) => s.frame?.world.monitor.violations[0]?.invariant ?? null);
  const reduced = useReducedMotion();
  const { x, y } = layout.center;
  const values = [...new Set(chosen.map((c) => c.value))];
  const small = layout.width < 480;
  const valueText = values.map((v) => quoteValue(v, small ? 6 : 10)).join(' & ');
  const valuePx = small ? 20 : 26;
  const w = Math.max(small ? 108 : 150, [...valueText].length * valuePx * 0.62 + (small ? 44 : 56));
  const h = small ? 56 : 70;
  const ballot = chosen.length === 1 ? formatBallot(chosen[0]!.ballot) : null;
  // The verdict pops in (a CSS spring, graph.css) when a value is chosen, and fades out when it
  // goes (a reset, a seek back); a verdict already there when the graph mounts is simply there.
  const verdicts = useMemo(() => (values.length > 0 ? [{ id: `chosen-${valueText}`, valueText, w, h, ballot }] : []), [values.length, valueText, w, h, ballot]);
  const [initial] = useState(() => verdicts[0]?.id ?? null);
  const { items, leaving } = usePresence(verdicts, reduced ? 0 : CHOSEN_EXIT_MS);
  return (
    <g className="pg-center" transform={`translate(${x} ${y})`}>
      {items.map((v) => (
        <g key={v.id} className={`pg-chosen${leaving.has(v.id) ? ' is-leaving' : v.id !== initial ? ' is-entering' : ''}`}>
          <rect x={-v.w / 2} y={-v.h / 2} width={v.w} height={v.h} rx={12} />
          <text className="pg-chosen-title" y={-v.h / 2 + (small ? 15 : 18)}>CHOSEN ✓</text>
          <text className="pg-chosen-value" y={small ? 12 : 15} fontSize={valuePx}>{v.valueText}</text>
          {v.ballot && <text className="pg-chosen-ballot" y={v.h / 2 + 14}>{`at ballot ${v.ballot}`}</text>}
        </g>
      ))}
      {values.length === 0 && <text className="pg-chosen-none">nothing chosen yet</text>}
      {violations > 0 && (
        <g className="pg-violation" transform={`translate(0 ${values.length > 0 ? h / 2 + 38 : 30})`}>
          <rect x={-92} y={-17} width={184} height={34} rx={8} />
          <text y={-2}>⚠ Safety violated</text>
          <text className="pg-violation-kind" y={11}>{firstViolation ?? ''}</text>
        </g>
      )}
    </g>
  );
});

/** A lost message's ✕ fades over this long (the .pg-drops .pg-drop animation), even once it is no longer recent. */
const DROP_FADE_MS = 2200;

export const DropMarks = memo(function DropMarks({ layout }: { layout: GraphLayout }) {
  const drops = useSim(useShallow(recentDrops));
  const parked = useSim((s) => s.frame?.world.config.mode === 'manual');
  const reduced = useReducedMotion();
  const slots = useMemo(() => new Map(layout.nodes.map((n) => [n.id, n])), [layout]);
  const marks = useMemo(() => drops.map((d) => ({ id: d.index, drop: d })), [drops]);
  // With reduced motion a mark does not fade: it stays while the loss is recent, then goes.
  const { items } = usePresence(marks, reduced ? 0 : DROP_FADE_MS);
  return (
    <g className="pg-drops" aria-hidden="true">
      {items.map(({ id, drop: { event } }) => {
        const a = slots.get(event.msg.from);
        const b = slots.get(event.msg.to);
        if (!a || !b) return null;
        const p = dropPoint(edgeBetween(a, b, layout.nodeRadius + 3), event.msg, event.time, event.reason !== 'user', parked);
        return (
          <g key={id} transform={`translate(${p.x.toFixed(1)} ${p.y.toFixed(1)})`}>
            <g className="pg-drop">
              <circle r={10} />
              <path d="M-5,-5L5,5M5,-5L-5,5" />
              <text y={22}>lost</text>
            </g>
          </g>
        );
      })}
    </g>
  );
});
