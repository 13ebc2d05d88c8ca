// Model 1, "what can happen from here?": every interleaving of the real simulation's choices from
// one world (the frame on screen), through the core's own apply(). Nothing of the protocol is
// re-implemented here, so the answer is about the code the student is watching, broken variants
// (world.config.variants) included: the world's safety monitor reports the violations.
//
// Choices, from each state (each one an ordinary core Command, so a schedule replays exactly):
//   deliver m          every in-flight message, in any order, regardless of its arrival time
//   drop m             (option) lose any in-flight message
//   duplicate m        (option) at most `duplicates` copies in the whole schedule
//   fire node kind     (option) any pending timer, at any moment (retry and read timeouts)
//   crash n / restart  at most `crashes` crashes in the whole schedule; a crashed node may restart
// Messages with equal contents (a message and its duplicate) are one choice, not two.
//
// The state key. Two worlds are the same state when they agree on everything that can influence
// what happens next or what the monitor will judge: every node (up, durable promise / accepted
// proposal / highest round used, proposer phase, ballot, client value, promises and votes collected,
// highest round seen, learned value, pending reads), the multiset of messages in flight by content,
// the set of pending timers by (node, kind, read), the partition, the monitor's history (votes per
// ballot and value, chosen proposals, written values, highest promises, which invariants are
// broken) and the budgets left. Abstracted away, and why that is sound for the question asked:
//   - the clock, message send/arrival times and timer deadlines: every message may be delivered
//     and every timer may fire in any order, so no schedule depends on a time (the asynchronous
//     model Paxos is designed for). This covers every timing a real run could have, and more;
//   - message and timer ids: they only name things; equal contents behave the same;
//   - the PRNG state: it draws only latencies and timer delays, i.e. times;
//   - a proposer's attempt counter: it only scales timer delays;
//   - finished reads (world.reads): nothing reads them again (the monitor judged them already);
//   - the order of votes/promises a proposer collected (only who and how many matter).
// Not covered: new client writes or reads, partitions and heals, delays (times are abstracted
// anyway), Multi-Paxos. Rounds grow with every retry, so with timers on the space is infinite and
// only the bounds (depth, states) end the exploration; the answer then says "within N steps".
//
// Storage. A state's key is a short string; the model interns it (Map key → dense index) and the
// explorer's packed state is that one index, so the Explorer's bounds, slicing, progress and
// parent bookkeeping are reused as they are. The model keeps a concrete representative World only
// for states still to expand (the BFS frontier), and for every state its parent and the command
// that first reached it: a shortest schedule is the chain of those commands.
import {
  apply, INVARIANTS, SimError, formatBallot,
  type Ballot, type Command, type Message, type Proposal, type World,
} from '../core';
import type { Model, SuccessorSink } from './model';

export interface SimExploreOptions {
  /** Lose in-flight messages. */
  drops: boolean;
  /** At most this many duplicate commands in a schedule (0 = none). */
  duplicates: number;
  /** Fire pending timers (a proposer's retry starts a new ballot: the space becomes infinite). */
  timers: boolean;
  /** At most this many crashes in a schedule; a crashed node may always restart. */
  crashes: number;
}

export const DEFAULT_SIM_OPTIONS: SimExploreOptions = { drops: false, duplicates: 0, timers: false, crashes: 0 };

interface Pending {
  world: World;
  dupLeft: number;
  crashLeft: number;
}

const KIND_DELIVER = 0;
const KIND_DROP = 1;
const KIND_DUPLICATE = 2;
const KIND_FIRE = 3;
const KIND_CRASH = 4;
const KIND_RESTART = 5;

const b = (x: Ballot | null): string => (x === null ? '-' : `${x.round}${x.node}`);

export class SimModel implements Model {
  readonly name = 'sim';
  readonly stateWords = 1;
  readonly invariantNames = INVARIANTS;
  readonly options: SimExploreOptions;
  readonly initial: World;

  private readonly keys = new Map<string, number>();
  private readonly pending = new Map<number, Pending>();
  /** Parent index of every interned state (−1 for the initial one) and the command that first reached it. */
  private readonly parent: number[] = [];
  private readonly via: (Command | null)[] = [];
  private readonly valueCodes = new Map<string, number>();
  private readonly msgKeys = new WeakMap<Message, string>();
  private readonly baseViolations: number;
  /** Values already chosen in the initial world. */
  readonly initiallyChosen: readonly string[];
  /** First stored state (a shallowest one) in which each value is chosen. */
  readonly chosenAt = new Map<string, number>();
  /** First stored state with a new violation, and which invariant. */
  firstViolation: { index: number; invariant: string; explanation: string } | null = null;
  /** First stored state (a shallowest one) that breaks each invariant. */
  readonly violationAt = new Map<string, { index: number; explanation: string }>();
  private readonly out = new Uint32Array(1);

  constructor(world: World, options: Partial<SimExploreOptions> = {}) {
    this.initial = world;
    this.options = { ...DEFAULT_SIM_OPTIONS, ...options };
    const { duplicates, crashes } = this.options;
    if (!(Number.isInteger(duplicates) && duplicates >= 0)) throw new Error(`duplicates must be a whole number ≥ 0, not ${duplicates}`);
    if (!(Number.isInteger(crashes) && crashes >= 0)) throw new Error(`crashes must be a whole number ≥ 0, not ${crashes}`);
    this.baseViolations = world.monitor.violations.length;
    this.initiallyChosen = [...new Set(world.monitor.chosen.map((c) => c.value))];
  }

  /** The violations that had already happened before the exploration started. */
  get earlierViolations(): World['monitor']['violations'] {
    return this.initial.monitor.violations;
  }

  /** States interned so far (including any the explorer did not store because a bound stopped it). */
  get interned(): number {
    return this.keys.size;
  }

  initialStates(sink: SuccessorSink): void {
    if (this.keys.size === 0) this.intern(this.initial, this.options.duplicates, this.options.crashes, -1, null);
    this.out[0] = 0;
    sink.push(this.out, -1);
  }

  successors(state: Uint32Array, sink: SuccessorSink): void {
    const index = state[0]!;
    const here = this.pending.get(index);
    if (!here) throw new Error(`state ${index} is not waiting to be expanded`);
    this.pending.delete(index);
    const { world, dupLeft, crashLeft } = here;
    const { drops, timers } = this.options;
    const seen = new Set<string>();
    const tryOne = (cmd: Command, code: number, dup: number, crash: number): boolean => {
      let next: World;
      try {
        next = apply(world, cmd).world;
      } catch (e) {
        if (e instanceof SimError) return true; // not enabled here (e.g. the node is already up)
        throw e;
      }
      this.out[0] = this.intern(next, dup, crash, index, cmd);
      return sink.push(this.out, code);
    };
    for (const m of world.inflight) {
      const key = this.messageKey(m);
      if (seen.has(key)) continue;
      seen.add(key);
      const id = m.id & 0xffffff;
      if (!tryOne({ type: 'deliver', id: m.id }, (KIND_DELIVER << 24) | id, dupLeft, crashLeft)) return;
      if (drops && !tryOne({ type: 'drop', id: m.id }, (KIND_DROP << 24) | id, dupLeft, crashLeft)) return;
      if (dupLeft > 0 && !tryOne({ type: 'duplicate', id: m.id }, (KIND_DUPLICATE << 24) | id, dupLeft - 1, crashLeft)) return;
    }
    if (timers) {
      const fired = new Set<string>();
      for (const t of world.timers) {
        const key = `${t.node}${t.kind}`;
        if (fired.has(key)) continue;
        fired.add(key);
        const code = (KIND_FIRE << 24) | (nodeCode(t.node) << 8) | (t.kind === 'retry' ? 0 : 1);
        if (!tryOne({ type: 'fire', node: t.node, kind: t.kind }, code, dupLeft, crashLeft)) return;
      }
    }
    for (const n of world.nodes) {
      if (n.up && crashLeft > 0) {
        if (!tryOne({ type: 'crash', node: n.id }, (KIND_CRASH << 24) | nodeCode(n.id), dupLeft, crashLeft - 1)) return;
      } else if (!n.up) {
        if (!tryOne({ type: 'restart', node: n.id }, (KIND_RESTART << 24) | nodeCode(n.id), dupLeft, crashLeft)) return;
      }
    }
  }

  violated(state: Uint32Array): number {
    const index = state[0]!;
    const p = this.pending.get(index);
    if (!p) return -1;
    const m = p.world.monitor;
    for (const c of m.chosen) if (!this.chosenAt.has(c.value)) this.chosenAt.set(c.value, index);
    if (m.violations.length <= this.baseViolations) return -1;
    for (let i = this.baseViolations; i < m.violations.length; i++) {
      const x = m.violations[i]!;
      if (!this.violationAt.has(x.invariant)) this.violationAt.set(x.invariant, { index, explanation: x.explanation });
    }
    const v = m.violations[this.baseViolations]!;
    if (this.firstViolation === null) this.firstViolation = { index, invariant: v.invariant, explanation: v.explanation };
    return INVARIANTS.indexOf(v.invariant);
  }

  /** The shortest schedule (commands from the initial world) that reaches state `index`. */
  schedule(index: number): Command[] {
    const out: Command[] = [];
    for (let x = index; x > 0; x = this.parent[x]!) out.push(this.via[x]!);
    return out.reverse();
  }

  /** The state key of a world (exposed for tests and documentation). */
  keyOf(world: World, dupLeft = this.options.duplicates, crashLeft = this.options.crashes): string {
    const parts: string[] = [];
    for (const n of world.nodes) {
      const d = n.durable;
      const p = n.proposer;
      let s = `${n.up ? '' : '!'}${b(d.promised)}${this.prop(d.accepted)}^${d.maxRoundUsed}|${p.phase[0]}${b(p.ballot)}${this.val(p.clientValue)}`;
      const promised = Object.keys(p.promises).sort();
      for (const from of promised) s += `,${from}${this.prop(p.promises[from] ?? null)}`;
      s += `>${this.val(p.proposal)}:${[...p.acceptedBy].sort().join('')}`;
      if (p.borrowedVotes) for (const k of Object.keys(p.borrowedVotes).sort()) s += `~${k}${b(p.borrowedVotes[k] ?? null)}`;
      s += `^${n.maxRoundSeen}L${this.prop(n.learned)}`;
      for (const r of n.reads) {
        s += `R${r.readId}`;
        for (const from of Object.keys(r.replies).sort()) s += `,${from}${this.prop(r.replies[from] ?? null)}`;
      }
      parts.push(s);
    }
    const msgs = world.inflight.map((m) => this.messageKey(m)).sort();
    const timers = world.timers.map((t) => `${t.node}${t.kind === 'retry' ? 'r' : `t${t.readId}`}`).sort();
    const mon = world.monitor;
    const votes = Object.values(mon.votes).map((v) => `${b(v.ballot)}=${this.val(v.value)}:${[...v.voters].sort().join('')}`).sort();
    const chosen = [...new Set(mon.chosen.map((c) => this.prop(c)))].sort();
    const proposed = [...new Set(mon.proposed.map((v) => this.val(v)))].sort();
    const promises = Object.keys(mon.maxPromise).sort().map((k) => b(mon.maxPromise[k] ?? null));
    const broken = [...new Set(mon.violations.map((v) => v.invariant))].sort();
    const fresh = mon.violations.length > this.baseViolations ? '!' : '';
    return `${parts.join('/')}#${msgs.join(' ')}#${timers.join(' ')}#${world.partition.join('')}#${votes.join(' ')}#${chosen.join(' ')}#${proposed.join(' ')}#${promises.join('')}#${broken.join(' ')}${fresh}#${dupLeft},${crashLeft}`;
  }

  describeAction(action: number): string {
    const kind = action >>> 24;
    const arg = action & 0xffffff;
    switch (kind) {
      case KIND_DELIVER: return `deliver #${arg}`;
      case KIND_DROP: return `drop #${arg}`;
      case KIND_DUPLICATE: return `duplicate #${arg}`;
      case KIND_FIRE: return `fire ${nodeName(arg >> 8)}'s ${(arg & 1) === 0 ? 'retry' : 'read-timeout'} timer`;
      case KIND_CRASH: return `crash ${nodeName(arg)}`;
      case KIND_RESTART: return `restart ${nodeName(arg)}`;
      default: return action < 0 ? 'initial' : `action ${action}`;
    }
  }

  describeStep(_before: Uint32Array, _after: Uint32Array, action: number): string {
    return this.describeAction(action);
  }

  describeState(state: Uint32Array): string {
    return `state #${state[0]}`;
  }

  private intern(world: World, dupLeft: number, crashLeft: number, parent: number, cmd: Command | null): number {
    const key = this.keyOf(world, dupLeft, crashLeft);
    const known = this.keys.get(key);
    if (known !== undefined) return known;
    const index = this.keys.size;
    this.keys.set(key, index);
    this.parent.push(parent);
    this.via.push(cmd);
    this.pending.set(index, { world, dupLeft, crashLeft });
    return index;
  }

  private messageKey(m: Message): string {
    let k = this.msgKeys.get(m);
    if (k !== undefined) return k;
    const head = `${m.type.slice(0, 3)}${m.from}${m.to}${m.cut ? '!' : ''}`;
    switch (m.type) {
      case 'prepare': k = `${head}${b(m.ballot)}`; break;
      case 'promise': k = `${head}${b(m.ballot)}${this.prop(m.accepted)}`; break;
      case 'accept': case 'accepted': case 'decide': k = `${head}${b(m.ballot)}=${this.val(m.value)}`; break;
      case 'nack': k = `${head}${b(m.ballot)}<${b(m.promised)}${m.of[0]}`; break;
      case 'read': k = `${head}${m.readId}`; break;
      case 'read-reply': k = `${head}${m.readId}${this.prop(m.accepted)}`; break;
    }
    this.msgKeys.set(m, k);
    return k;
  }

  private val(v: string | null): string {
    if (v === null) return '_';
    let c = this.valueCodes.get(v);
    if (c === undefined) {
      c = this.valueCodes.size;
      this.valueCodes.set(v, c);
    }
    return `v${c}`;
  }

  private prop(p: Proposal | null): string {
    return p === null ? '_' : `${b(p.ballot)}=${this.val(p.value)}`;
  }
}

const nodeCode = (id: string) => id.charCodeAt(0) - 65;
const nodeName = (code: number) => String.fromCharCode(65 + code);

/** One line for a schedule command, in the words of the simulation ("deliver accept 1.A "X" A → B"). */
export function describeCommand(cmd: Command, world: World): string {
  switch (cmd.type) {
    case 'deliver': case 'drop': case 'duplicate': {
      const m = world.inflight.find((x) => x.id === cmd.id);
      const what = m ? messageText(m) : `message #${cmd.id}`;
      return `${cmd.type} ${what}`;
    }
    case 'fire': return `${cmd.node}'s ${cmd.kind ?? ''} timer fires`.replace('  ', ' ');
    case 'crash': return `${cmd.node} crashes`;
    case 'restart': return `${cmd.node} restarts`;
    default: return cmd.type;
  }
}

function messageText(m: Message): string {
  const q = (v: string) => `“${v}”`;
  const body = (() => {
    switch (m.type) {
      case 'prepare': return `prepare ${formatBallot(m.ballot)}`;
      case 'promise': return `promise ${formatBallot(m.ballot)}${m.accepted ? ` (accepted ${formatBallot(m.accepted.ballot)} ${q(m.accepted.value)})` : ''}`;
      case 'accept': return `accept ${formatBallot(m.ballot)} ${q(m.value)}`;
      case 'accepted': return `accepted ${formatBallot(m.ballot)} ${q(m.value)}`;
      case 'nack': return `nack ${formatBallot(m.ballot)}`;
      case 'decide': return `decide ${q(m.value)}`;
      case 'read': return `read #${m.readId}`;
      case 'read-reply': return `read-reply #${m.readId}`;
    }
  })();
  return `${body} ${m.from} → ${m.to}`;
}

/** The schedule replayed from `world`, one line per command. */
export function describeSchedule(world: World, schedule: readonly Command[]): string[] {
  const lines: string[] = [];
  let w = world;
  for (const cmd of schedule) {
    lines.push(describeCommand(cmd, w));
    w = apply(w, cmd).world;
  }
  return lines;
}
