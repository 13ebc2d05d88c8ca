import { nodeIds, partitionGroups, type Message, type MultiMessage, type MultiWorld, type NodeId, type NodeState, type World } from '../core';
import type { SimActions, SimState } from '../store/simStore';

// One registry of user actions (after excalidraw's): each has a name, a label, a keyboard shortcut,
// when it is available and what it does. The toolbar, the inspector's buttons, context menus and the
// keyboard handler all read this list, so they can never disagree.

export type Scope = 'global' | 'node' | 'message';

export interface ActionContext {
  readonly state: SimState;
  readonly sim: SimActions;
  /** The node or message the action applies to (node/message scope); defaults to the selection. */
  readonly node?: NodeState;
  readonly message?: Message;
  /** Multi-Paxos: the message the action applies to (then `message` is absent). */
  readonly multiMessage?: MultiMessage;
}

export interface Action {
  readonly id: string;
  readonly scope: Scope;
  readonly label: string;
  /** Longer text for tooltips and the shortcut help. */
  readonly description: string;
  /** Shown to the user, e.g. "Space". */
  readonly shortcut?: string;
  /** KeyboardEvent.key values that trigger it (no modifiers other than Shift). */
  readonly keys?: readonly string[];
  available(ctx: ActionContext): boolean;
  run(ctx: ActionContext): void;
}

/** The world whose network the actions act on: the Multi-Paxos one in a Multi-Paxos run. */
const net = (c: ActionContext): World | MultiWorld | undefined => c.state.frame?.multi ?? c.state.frame?.world;
const isMulti = (c: ActionContext) => c.state.frame?.protocol === 'multi';
const isAuto = (c: ActionContext) => c.state.frame?.world.config.mode === 'auto';
const hasPending = (c: ActionContext) => (net(c)?.inflight.length ?? 0) > 0 || (net(c)?.timers.length ?? 0) > 0;
/** The id of the message a message action applies to, in either protocol. */
const messageId = (c: ActionContext) => (c.message ?? c.multiMessage)!.id;
const hasMessage = (c: ActionContext) => !!(c.message ?? c.multiMessage);
const ready = (c: ActionContext) => c.state.frame !== null && c.state.status === 'ready';
/** Viewing a moment before the end of the history (after a seek). */
const inPast = (c: ActionContext) => !!c.state.frame && c.state.frame.position < c.state.frame.length;

/** Multi-Paxos: the next quick command for a client request at `node` (b1, b2 … for B), unused so far. */
export function nextQuickCommand(state: SimState, node: NodeId): string {
  const used = new Set((state.frame?.multi?.monitor.requested ?? []).map((e) => e.replace(/^#\d+ /, '')));
  for (let i = 1; ; i++) {
    const cmd = `${node.toLowerCase()}${i}`;
    if (!used.has(cmd)) return cmd;
  }
}

/** Values offered for quick writes: short, distinct, easy to tell apart in the graph. */
const QUICK_VALUES = ['X', 'Y', 'Z', 'W', 'V', 'U', 'T', 'S'];

/** The next quick value no client has written yet in this run. */
export function nextQuickValue(state: SimState): string {
  const used = new Set(state.frame?.world.monitor.proposed ?? []);
  return QUICK_VALUES.find((v) => !used.has(v)) ?? `v${used.size + 1}`;
}

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 4, 10];

function shiftSpeed(c: ActionContext, dir: 1 | -1): void {
  const speed = c.state.frame?.speed ?? 1;
  const i = SPEEDS.findIndex((s) => s >= speed - 1e-9);
  const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, (i === -1 ? SPEEDS.length - 1 : i) + dir))]!;
  c.sim.setSpeed(next);
}

export const ACTIONS: readonly Action[] = [
  // --- global: the play clock
  { id: 'play-pause', scope: 'global', label: 'Play / pause', description: 'Run the simulation in real time, or pause it (auto mode; in manual mode, replays recorded steps).',
    shortcut: 'Space', keys: [' '], available: (c) => ready(c) && (isAuto(c) || inPast(c) || !!c.state.frame?.playing), run: (c) => c.sim.togglePlay() },
  { id: 'step', scope: 'global', label: 'Step', description: 'Process exactly one event: the next message delivery or timer (in the past: the next recorded step).',
    shortcut: '→ or .', keys: ['ArrowRight', '.'], available: (c) => ready(c) && (hasPending(c) || inPast(c)), run: (c) => c.sim.step() },
  { id: 'step-back', scope: 'global', label: 'Step back', description: 'Go back one step in time (time travel: nothing is lost until you act in the past).',
    shortcut: '← or ,', keys: ['ArrowLeft', ','], available: (c) => ready(c) && (c.state.frame?.position ?? 0) > 0, run: (c) => c.sim.stepBack() },
  { id: 'step-phase', scope: 'global', label: 'Next phase', description: 'Run until the next milestone: a ballot starts, a majority promises, a value is chosen or learned.',
    shortcut: 'N', keys: ['n', 'N'], available: (c) => ready(c) && (hasPending(c) || inPast(c)), run: (c) => c.sim.stepPhase() },
  { id: 'to-start', scope: 'global', label: 'To the start', description: 'Jump back to the beginning of the run.',
    shortcut: 'Home', keys: ['Home'], available: (c) => ready(c) && (c.state.frame?.position ?? 0) > 0, run: (c) => c.sim.seek(0) },
  { id: 'to-now', scope: 'global', label: 'Back to now', description: 'Jump to the latest moment of the run.',
    shortcut: 'End', keys: ['End'], available: (c) => ready(c) && inPast(c), run: (c) => c.sim.seek(c.state.frame!.length) },
  { id: 'slower', scope: 'global', label: 'Slower', description: 'Halve the playback speed (down to 0.1×).',
    shortcut: '[', keys: ['['], available: ready, run: (c) => shiftSpeed(c, -1) },
  { id: 'faster', scope: 'global', label: 'Faster', description: 'Double the playback speed (up to 10×).',
    shortcut: ']', keys: [']'], available: ready, run: (c) => shiftSpeed(c, 1) },
  { id: 'toggle-mode', scope: 'global', label: 'Auto / manual', description: 'Manual mode: messages wait on the wire until you deliver, drop or duplicate them. Restarts the run with the same seed.',
    shortcut: 'M', keys: ['m', 'M'], available: ready,
    run: (c) => c.sim.reset({ mode: c.state.config.mode === 'auto' ? 'manual' : 'auto' }) },
  { id: 'reset-same', scope: 'global', label: 'Restart run', description: 'Start over with the same seed: the same latencies and timeouts.',
    shortcut: 'R', keys: ['r'], available: ready, run: (c) => c.sim.reset({}) },
  { id: 'reset-new', scope: 'global', label: 'New seed', description: 'Start over with a new random seed.',
    shortcut: 'Shift+R', keys: ['R'], available: ready, run: (c) => c.sim.reset({ seed: (c.state.config.seed * 48271 + 11) % 2147483647 }) },
  { id: 'split', scope: 'global', label: 'Split network', description: 'Partition the network into a minority (A, B, …) and a majority: only the majority side can choose a value.',
    shortcut: 'S', keys: ['s', 'S'], available: ready,
    run: (c) => {
      const ids = clusterIds(c.state);
      const minority = ids.slice(0, Math.floor((ids.length - 1) / 2));
      void c.sim.dispatch({ type: 'partition', groups: [minority, ids.slice(minority.length)] });
    } },
  { id: 'heal', scope: 'global', label: 'Heal network', description: 'Remove every network partition.',
    shortcut: 'H', keys: ['h', 'H'], available: (c) => ready(c) && (net(c)?.partition.some((g) => g !== 0) ?? false),
    run: (c) => void c.sim.dispatch({ type: 'heal' }) },

  // --- on a node
  { id: 'write', scope: 'node', label: 'Client write', description: 'A client asks this node to write the next unused value; the node proposes it.',
    shortcut: 'W', keys: ['w', 'W'], available: (c) => ready(c) && !isMulti(c) && !!c.node?.up,
    run: (c) => void c.sim.dispatch({ type: 'write', node: c.node!.id, value: nextQuickValue(c.state) }) },
  { id: 'read', scope: 'node', label: 'Client read', description: 'A client asks this node to read: it asks every node what it accepted and needs a majority to agree.',
    shortcut: 'E', keys: ['e', 'E'], available: (c) => ready(c) && !isMulti(c) && !!c.node?.up,
    run: (c) => void c.sim.dispatch({ type: 'read', node: c.node!.id }) },
  { id: 'request', scope: 'node', label: 'Client request', description: 'Multi-Paxos: a client sends this node the next command for the log (a follower forwards it to the leader).',
    shortcut: 'W', keys: ['w', 'W'], available: (c) => ready(c) && isMulti(c) && !!c.node?.up,
    run: (c) => void c.sim.dispatch({ type: 'request', node: c.node!.id, command: nextQuickCommand(c.state, c.node!.id) }) },
  { id: 'crash', scope: 'node', label: 'Crash node', description: 'Crash this node: it loses everything not on disk; messages to it are lost.',
    shortcut: 'C', keys: ['c'], available: (c) => ready(c) && !!c.node?.up,
    run: (c) => void c.sim.dispatch({ type: 'crash', node: c.node!.id }) },
  { id: 'restart', scope: 'node', label: 'Restart node', description: 'Restart this node from what it saved on disk (promise, accepted proposal, last round).',
    shortcut: 'C', keys: ['c'], available: (c) => ready(c) && !!c.node && !c.node.up,
    run: (c) => void c.sim.dispatch({ type: 'restart', node: c.node!.id }) },
  { id: 'fire-timer', scope: 'node', label: 'Fire timer', description: 'Fire this node\'s pending timer now (retry with a higher ballot, or a read timeout).',
    shortcut: 'T', keys: ['t', 'T'], available: (c) => ready(c) && !!c.node && (net(c)?.timers.some((t) => t.node === c.node!.id) ?? false),
    run: (c) => void c.sim.dispatch({ type: 'fire', node: c.node!.id }) },
  { id: 'isolate', scope: 'node', label: 'Isolate', description: 'Cut this node off from all others (other partitions stay as they are).',
    shortcut: 'P', keys: ['p', 'P'], available: (c) => ready(c) && !!c.node && !isAlone(c.state, c.node.id),
    run: (c) => void c.sim.dispatch({ type: 'partition', groups: isolate(c.state, c.node!.id) }) },

  // --- on a message
  { id: 'deliver', scope: 'message', label: 'Deliver now', description: 'Deliver this message immediately.',
    shortcut: 'D', keys: ['d', 'D'], available: (c) => ready(c) && hasMessage(c),
    run: (c) => void c.sim.dispatch({ type: 'deliver', id: messageId(c) }) },
  { id: 'drop', scope: 'message', label: 'Drop', description: 'Lose this message in the network.',
    shortcut: 'X or Delete', keys: ['x', 'X', 'Delete', 'Backspace'], available: (c) => ready(c) && hasMessage(c),
    run: (c) => void c.sim.dispatch({ type: 'drop', id: messageId(c) }) },
  { id: 'duplicate', scope: 'message', label: 'Duplicate', description: 'Put a second copy of this message on the wire.',
    shortcut: 'U', keys: ['u', 'U'], available: (c) => ready(c) && hasMessage(c),
    run: (c) => void c.sim.dispatch({ type: 'duplicate', id: messageId(c) }) },
  { id: 'delay', scope: 'message', label: 'Delay', description: 'Hold this message back for 40 more ticks.',
    shortcut: 'L', keys: ['l', 'L'], available: (c) => ready(c) && hasMessage(c),
    run: (c) => void c.sim.dispatch({ type: 'delay', id: messageId(c), ticks: 40 }) },
];

export function actionsFor(scope: Scope): Action[] {
  return ACTIONS.filter((a) => a.scope === scope);
}

export function actionById(id: string): Action {
  const a = ACTIONS.find((x) => x.id === id);
  if (!a) throw new Error(`unknown action ${id}`);
  return a;
}

/** The context for the current selection: node/message actions apply to what is selected. */
export function selectionContext(state: SimState, sim: SimActions): ActionContext {
  const w = state.frame?.world;
  const sel = state.selection;
  const node = sel?.kind === 'node' ? w?.nodes.find((n) => n.id === sel.id) : undefined;
  const multi = state.frame?.multi;
  const message = sel?.kind === 'message' && !multi ? w?.inflight.find((m) => m.id === sel.id) : undefined;
  const multiMessage = sel?.kind === 'message' && multi ? multi.inflight.find((m) => m.id === sel.id) : undefined;
  return { state, sim, ...(node ? { node } : {}), ...(message ? { message } : {}), ...(multiMessage ? { multiMessage } : {}) };
}

/** The action a key press triggers given the selection: message and node actions first, then global. */
export function actionForKey(key: string, ctx: ActionContext): Action | undefined {
  const scopes: Scope[] = [...(ctx.message || ctx.multiMessage ? ['message' as const] : []), ...(ctx.node ? ['node' as const] : []), 'global'];
  for (const scope of scopes) {
    const a = ACTIONS.find((x) => x.scope === scope && x.keys?.includes(key) && x.available(ctx));
    if (a) return a;
  }
  return undefined;
}

/** The current partition's groups, with `id` moved into a group of its own. */
export function isolate(state: SimState, id: NodeId): NodeId[][] {
  const w = state.frame?.multi ?? state.frame?.world;
  if (!w) return [[id]];
  return [...partitionGroups(w.nodes.map((n) => n.id), w.partition).map((g) => g.filter((x) => x !== id)).filter((g) => g.length > 0), [id]];
}

function isAlone(state: SimState, id: NodeId): boolean {
  const w = state.frame?.multi ?? state.frame?.world;
  if (!w) return false;
  const i = w.nodes.findIndex((n) => n.id === id);
  return w.partition.filter((g) => g === w.partition[i]).length === 1;
}

/** Node ids of the current cluster, for pickers. */
export function clusterIds(state: SimState): readonly NodeId[] {
  return nodeIds(state.frame?.world.config.nodes ?? state.config.nodes);
}
