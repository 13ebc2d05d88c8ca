import { useStore } from 'zustand';
import { assignLanes, messageEdge, messageProgress, PARKED_PROGRESS, pillOffset, pointAlong, shiftInside } from '../../ui/wireLayout';
import { actionsFor, selectionContext, type Action } from '../../actions/registry';
import { formatBallot, formatMultiMessage, partitionGroups, type MultiMessage, type MultiNode } from '../../core';
import { useSim, useSimActions, useSimBinding } from '../../store/react';
import { currentLeader } from './model';
import { multiView, setShowHeartbeats } from './viewState';
import './multi.css';

// The Multi-Paxos cluster: nodes on a circle, every in-flight message a pill on its wire (placed by
// interpolating the play clock between its send and arrival, or waiting mid-wire in manual mode,
// laid out like the basic graph's pills so that pills sharing a wire never cover each other), the
// leader with a gold ring and a crown, candidates dashed, crashed nodes grey. Heartbeats are the leader's steady chatter: drawn
// faintly, or hidden with "Show heartbeats", so prepares, accepts and commits stand out.

const SIZE = 420;
const CENTER = SIZE / 2;
const RADIUS = 150;
const NODE_R = 30;

/**
 * The rows of the square the graph needs: from just above the top node (its crown and spotlight
 * ring) to just below the lowest one's two label lines. With 3 nodes the lowest sit well above the
 * square's bottom, so cropping it gives the timeline under the graph ~60 px (it then fits a
 * 1280×800 screen).
 */
function verticalExtent(pos: readonly { y: number }[]): { top: number; bottom: number } {
  const top = Math.max(0, Math.min(...pos.map((p) => p.y)) - NODE_R - 26);
  const bottom = Math.min(SIZE, Math.max(...pos.map((p) => p.y)) + NODE_R + 38);
  return { top, bottom };
}

function position(i: number, n: number): { x: number; y: number } {
  const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
  return { x: CENTER + RADIUS * Math.cos(a), y: CENTER + RADIUS * Math.sin(a) };
}

/** A short label for a pill: the type and slot (the full text is in its tooltip and the log). */
function pillLabel(m: MultiMessage): string {
  switch (m.type) {
    case 'accept': case 'accepted': return `${m.type} [${m.slot}]`;
    case 'prepare': return `prepare ${formatBallot(m.ballot)}`;
    case 'promise': return `promise ${formatBallot(m.ballot)}`;
    case 'commit': return `commit ${m.entries.map((e) => e.slot).join(',')}`;
    case 'heartbeat': return 'heartbeat';
    default: return m.type;
  }
}

const PILL_H = 18;

/** A pill's width for its label (monospace text at 10.5 px). */
function pillWidth(label: string): number {
  return 7 + label.length * 6.2;
}

interface PlacedPill {
  readonly m: MultiMessage;
  /** The pill's centre, in viewBox coordinates. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
}

/**
 * Where each visible pill goes, by the same rules as the basic graph (src/ui/wireLayout.ts): moving
 * pills ride just right of their wire, in separate lanes when they travel together; in manual mode
 * they wait at PARKED_PROGRESS, stacked clear of the wire. Each wire's pills are then shifted
 * together (so a stack stays a stack) to keep them inside the viewBox (`extent`: its rows).
 */
function placePills(
  messages: readonly MultiMessage[], pos: readonly { x: number; y: number }[], index: ReadonlyMap<string, number>, clock: number, parked: boolean,
  extent: { top: number; bottom: number },
): PlacedPill[] {
  // The stacking rules assume the pills on a wire are the same size: each gets a slot as wide as
  // the wire's widest pill, is drawn centred in it and follows the slot's path, so labels of
  // different lengths never touch.
  const widest = new Map<string, number>();
  for (const m of messages) {
    const key = `${m.from}>${m.to}`;
    widest.set(key, Math.max(widest.get(key) ?? 0, pillWidth(pillLabel(m))));
  }
  const edgeOf = (from: string, to: string) => {
    const slot = { width: widest.get(`${from}>${to}`) ?? 0, height: PILL_H };
    return { slot, edge: messageEdge(pos[index.get(from) ?? 0]!, pos[index.get(to) ?? 0]!, NODE_R, slot) };
  };
  // Moving pills that would meet on the way (a pill's length apart or less) take separate lanes.
  const lanes = assignLanes(messages, parked, (from, to) => {
    const { slot, edge } = edgeOf(from, to);
    const along = Math.abs(edge.ux) * slot.width + Math.abs(edge.uy) * slot.height;
    return edge.length > 0 ? (along + 3) / edge.length : Infinity;
  });
  const wires = new Map<string, (PlacedPill & { h: number })[]>();
  for (const m of messages) {
    const key = `${m.from}>${m.to}`;
    const w = pillWidth(pillLabel(m));
    const { slot, edge } = edgeOf(m.from, m.to);
    const at = pointAlong(edge, parked ? PARKED_PROGRESS : messageProgress(m, clock));
    const off = pillOffset(edge, slot, lanes.get(m.id) ?? { rank: 0, count: 1 }, parked);
    const wire = wires.get(key) ?? [];
    wire.push({ m, x: at.x + off.x, y: at.y + off.y, w, h: PILL_H });
    wires.set(key, wire);
  }
  const placed = new Map<number, PlacedPill>();
  for (const wire of wires.values()) {
    const { top, bottom } = extent;
    const shift = shiftInside(wire.map((p) => ({ x: p.x, y: p.y - top, width: p.w, height: p.h })), SIZE, bottom - top);
    for (const p of wire) {
      // Then each on its own, in case a stack is larger than the whole graph.
      const x = Math.min(SIZE - p.w / 2, Math.max(p.w / 2, p.x + shift.x));
      const y = Math.min(bottom - p.h / 2, Math.max(top + p.h / 2, p.y + shift.y));
      placed.set(p.m.id, { m: p.m, x, y, w: p.w });
    }
  }
  return messages.map((m) => placed.get(m.id)!);
}

const NODE_ACTIONS = actionsFor('node').filter((a) => a.id !== 'write' && a.id !== 'read');
const MESSAGE_ACTIONS = actionsFor('message');

export function MultiGraph() {
  const world = useSim((s) => s.frame?.multi ?? null);
  const clock = useSim((s) => s.frame?.clock ?? 0);
  const selection = useSim((s) => s.selection);
  const showHeartbeats = useStore(multiView, (s) => s.showHeartbeats);
  const spotlight = useSim((s) => s.spotlight);
  const sim = useSimActions();
  if (!world) return null;
  const n = world.nodes.length;
  const pos = world.nodes.map((_, i) => position(i, n));
  const index = new Map(world.nodes.map((node, i) => [node.id, i]));
  const leader = currentLeader(world);
  const believers = world.nodes.filter((x) => x.up && x.role === 'leader');
  const groups = partitionGroups(world.nodes.map((x) => x.id), world.partition);
  const hidden = showHeartbeats ? 0 : world.inflight.filter((m) => m.type === 'heartbeat').length;
  const extent = verticalExtent(pos);
  const pills = placePills(world.inflight.filter((m) => showHeartbeats || m.type !== 'heartbeat'), pos, index, clock, world.config.mode === 'manual', extent);

  return (
    <section className="mp-graph" aria-labelledby="mp-graph-title">
      <div className="mp-head">
        <h2 id="mp-graph-title" className="mp-title">Cluster</h2>
        <p className="mp-leader-line" data-leader={leader?.id ?? ''}>
          {leader
            ? <>Leader: <strong>{leader.id}</strong> (ballot {formatBallot(leader.ballot)}){believers.length > 1 ? ` — ${believers.filter((b) => b !== leader).map((b) => b.id).join(', ')} still believes it leads with a lower ballot` : ''}</>
            : 'No leader: a follower that hears no heartbeat for a while campaigns.'}
        </p>
        {/* Folded, so the graph and the timeline under it fit a 1280×800 screen. */}
        <details className="mp-election-hint">
          <summary>How is a leader chosen?</summary>
          The leader sends a heartbeat every {world.config.heartbeatTicks} ticks; a follower that hears none
          for {world.config.retryTicksMin}–{world.config.retryTicksMax} ticks (a random timeout, so two rarely start
          together) campaigns with a higher ballot. If two still campaign, the higher ballot wins and the other steps down.
        </details>
        <label className="mp-toggle">
          <input type="checkbox" checked={showHeartbeats} onChange={(e) => setShowHeartbeats(e.target.checked)} />
          Show heartbeats{hidden > 0 ? ` (${hidden} hidden)` : ''}
        </label>
      </div>
      <svg className="mp-svg" viewBox={`0 ${extent.top} ${SIZE} ${extent.bottom - extent.top}`} role="group" aria-label="Nodes and messages in flight">
        {world.nodes.map((a, i) => world.nodes.slice(i + 1).map((b, j) => {
          const p = pos[i]!;
          const q = pos[i + 1 + j]!;
          const cut = world.partition[i] !== world.partition[i + 1 + j];
          return <line key={`${a.id}${b.id}`} x1={p.x} y1={p.y} x2={q.x} y2={q.y} className={`mp-wire${cut ? ' is-cut' : ''}`} />;
        }))}
        {world.nodes.map((node, i) => (
          <NodeGlyph key={node.id} node={node} at={pos[i]!} leading={leader?.id === node.id} selected={selection?.kind === 'node' && selection.id === node.id}
            spotlit={spotlight?.nodes.includes(node.id) ?? false} onSelect={() => sim.select({ kind: 'node', id: node.id })} />
        ))}
        {pills.map(({ m, x, y, w }) => {
          const heartbeat = m.type === 'heartbeat';
          const label = pillLabel(m);
          const selected = selection?.kind === 'message' && selection.id === m.id;
          const spot = !spotlight || spotlight.messages.length === 0 ? '' : spotlight.messages.includes(m.type) ? ' is-spotlit' : ' is-dimmed';
          return (
            <g key={m.id} className={`mp-pill mp-pill-${m.type}${heartbeat ? ' is-faint' : ''}${m.cut ? ' is-cut' : ''}${selected ? ' is-selected' : ''}${spot}`}
              transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`} data-type={m.type} role="button" tabIndex={heartbeat ? -1 : 0}
              aria-label={`${m.from} to ${m.to}: ${formatMultiMessage(m)}`}
              onClick={() => sim.select({ kind: 'message', id: m.id })}
              onKeyDown={(e) => { if (e.key === 'Enter') sim.select({ kind: 'message', id: m.id }); }}>
              <title>{`#${m.id} ${m.from} → ${m.to}: ${formatMultiMessage(m)}${m.cut ? ' (across the partition: it will be lost)' : ''}`}</title>
              <rect x={-w / 2} y={-PILL_H / 2} width={w} height={PILL_H} rx={9} />
              <text textAnchor="middle" dy="4">{label}</text>
            </g>
          );
        })}
      </svg>
      {groups.length > 1 && <p className="mp-partition">Network split: {groups.map((g) => `{${g.join(' ')}}`).join(' | ')}</p>}
      <SelectionBar />
    </section>
  );
}

function NodeGlyph({ node, at, leading, selected, spotlit, onSelect }: {
  node: MultiNode; at: { x: number; y: number }; leading: boolean; selected: boolean; spotlit: boolean; onSelect: () => void;
}) {
  const state = !node.up ? 'down' : leading ? 'leader' : node.role;
  const sub = !node.up ? 'crashed' : leading ? `leader ${formatBallot(node.ballot)}` : node.role === 'leader' ? `leader? ${formatBallot(node.ballot)}` : node.role === 'candidate' ? `candidate ${formatBallot(node.ballot)}` : 'follower';
  return (
    <g className={`mp-node mp-node-${state}${selected ? ' is-selected' : ''}${spotlit ? ' is-spotlit' : ''}`} transform={`translate(${at.x} ${at.y})`}
      role="button" tabIndex={0} data-node={node.id} data-role={state}
      aria-label={`Node ${node.id}: ${sub}, applied ${node.applied}`}
      onClick={onSelect} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(); } }}>
      {leading && <circle r={NODE_R + 7} className="mp-node-halo" />}
      {spotlit && <circle r={NODE_R + 12} className="mp-node-spot" data-spotlight="" />}
      <circle r={NODE_R} className="mp-node-body" />
      <text className="mp-node-id" textAnchor="middle" dy="6">{node.id}</text>
      {leading && <text className="mp-node-crown" textAnchor="middle" y={-NODE_R - 11}>♛</text>}
      {!node.up && <text className="mp-node-x" textAnchor="middle" dy="6" x={0}>✕</text>}
      <text className="mp-node-sub" textAnchor="middle" y={NODE_R + 16}>{sub}</text>
      {/* The state machine itself is in the log view; here only how far the node has applied, so
          neighbouring labels never overlap. */}
      <text className="mp-node-sub" textAnchor="middle" y={NODE_R + 29}>applied {node.applied}</text>
    </g>
  );
}

/** The actions that apply to the selected node or message, from the action registry. */
function SelectionBar() {
  const { store, actions: sim } = useSimBinding();
  const state = useSim((s) => s);
  const ctx = selectionContext(state, sim);
  const list: readonly Action[] = ctx.node ? NODE_ACTIONS : ctx.multiMessage ? MESSAGE_ACTIONS : [];
  if (list.length === 0) return <p className="mp-hint">Click a node or a message for its actions (crash, send a request, drop …).</p>;
  const title = ctx.node ? `Node ${ctx.node.id}` : ctx.multiMessage ? `#${ctx.multiMessage.id} ${ctx.multiMessage.from} → ${ctx.multiMessage.to}: ${formatMultiMessage(ctx.multiMessage)}` : '';
  return (
    <div className="mp-selbar" role="group" aria-label={`Actions for ${title}`}>
      <span className="mp-selbar-title">{title}</span>
      {list.map((a) => (
        <button key={a.id} type="button" className="mp-btn" data-action={a.id} disabled={!a.available(ctx)}
          title={`${a.description}${a.shortcut ? ` (${a.shortcut})` : ''}`}
          onClick={() => {
            const now = selectionContext(store.getState(), sim);
            if (a.available(now)) a.run(now);
          }}>{a.label}</button>
      ))}
    </div>
  );
}
