import {
  apply, applyMulti, createMultiWorld, createWorld, DEFAULT_MULTI_CONFIG, describe, describeMulti, formatBallot, multiTraceLine,
  nextDue, nextDueMulti, NOOP, entryCommand, traceLine, type Command, type MultiCommand, type MultiConfig, type MultiEvent,
  type MultiWorld, type SimConfig, type SimEvent, type SimEventType, type World,
} from '../core';

// The engine is generic over the protocol: basic (single-decree) Paxos or Multi-Paxos. Each
// protocol is an adapter over its pure core — create a world, apply a command, what falls due next,
// how an event reads, which events end a "phase" and which deserve a tick mark on the timeline.
// The engine itself (command log, checkpoints, seek, play clock) does not care which one it runs.

export type ProtocolName = 'basic' | 'multi';
export type AnyWorld = World | MultiWorld;
export type AnyCommand = Command | MultiCommand;
export type AnyEvent = SimEvent | MultiEvent;

/** A run's configuration: basic settings, the Multi-Paxos ones, and which protocol (basic when absent). */
export type RunConfig = Partial<MultiConfig> & { readonly protocol?: ProtocolName };

export type MarkKind = AnyCommand['type'] | 'chosen' | 'violation' | 'leader';

export interface ProtocolAdapter {
  readonly name: ProtocolName;
  create(config: RunConfig): AnyWorld;
  /** Throws SimError when the command cannot be carried out. */
  apply(world: AnyWorld, cmd: AnyCommand): { readonly world: AnyWorld; readonly events: readonly AnyEvent[] };
  nextDue(world: AnyWorld): { readonly at: number } | null;
  describe(e: AnyEvent): string;
  traceLine(e: AnyEvent): string;
  /** Events that end a "phase" for step-to-next-phase. */
  isMilestone(e: AnyEvent): boolean;
  /** Tick marks for one recorded command: the user's action itself, and what it led to. */
  marks(cmd: AnyCommand, events: readonly AnyEvent[]): { kind: MarkKind; label: string }[];
  /** The configuration a run of this protocol was created with (what export writes). */
  config(world: AnyWorld): SimConfig | MultiConfig;
}

const quote = (v: string) => `“${v}”`;
const entry = (v: string) => (v === NOOP ? 'no-op' : quote(entryCommand(v)));

/** Only the basic settings: a basic world must not carry Multi-Paxos keys (they would end up in its exported config). */
function basicConfig(c: RunConfig): Partial<SimConfig> {
  const { protocol: _p, heartbeatTicks: _h, pipelineWindow: _w, ...rest } = c;
  return rest;
}

function commonMark(cmd: AnyCommand): { kind: MarkKind; label: string } | null {
  switch (cmd.type) {
    case 'crash': return { kind: 'crash', label: `${cmd.node} crashed` };
    case 'restart': return { kind: 'restart', label: `${cmd.node} restarted` };
    case 'drop': return { kind: 'drop', label: `message #${cmd.id} dropped` };
    case 'duplicate': return { kind: 'duplicate', label: `message #${cmd.id} duplicated` };
    case 'delay': return { kind: 'delay', label: `message #${cmd.id} delayed` };
    case 'deliver': return { kind: 'deliver', label: `message #${cmd.id} delivered` };
    case 'fire': return { kind: 'fire', label: `${cmd.node}'s ${'kind' in cmd && cmd.kind ? `${cmd.kind} ` : ''}timer fired` };
    case 'partition': return { kind: 'partition', label: 'network split' };
    case 'heal': return { kind: 'heal', label: 'network healed' };
    default: return null;
  }
}

const BASIC_MILESTONES: ReadonlySet<SimEventType> = new Set<SimEventType>([
  'ballot-start', 'propose', 'nothing-to-propose', 'chosen', 'learn', 'preempted', 'read-done', 'violation',
]);

export const BASIC: ProtocolAdapter = {
  name: 'basic',
  create: (config) => createWorld(basicConfig(config)),
  apply: (world, cmd) => apply(world as World, cmd as Command),
  nextDue: (world) => nextDue(world as World),
  describe: (e) => describe(e as SimEvent),
  traceLine: (e) => traceLine(e as SimEvent),
  isMilestone: (e) => BASIC_MILESTONES.has((e as SimEvent).type),
  marks(cmd, events) {
    const out: { kind: MarkKind; label: string }[] = [];
    const c = cmd as Command;
    if (c.type === 'write') out.push({ kind: 'write', label: `write ${quote(c.value)} at ${c.node}` });
    else if (c.type === 'read') out.push({ kind: 'read', label: `read at ${c.node}` });
    else {
      const m = commonMark(c);
      if (m) out.push(m);
    }
    for (const e of events as readonly SimEvent[]) {
      if (e.type === 'chosen' && !e.again) out.push({ kind: 'chosen', label: `${quote(e.value)} chosen` });
      if (e.type === 'violation') out.push({ kind: 'violation', label: `safety violated: ${e.invariant}` });
    }
    return out;
  },
  config: (world) => (world as World).config,
};

/**
 * Multi-Paxos phases: a node campaigns, a leader is established (with its re-proposals and
 * no-ops), a leader steps down, a slot is chosen, a rule is broken. Heartbeats and their answers
 * are not milestones, so Next phase skips the steady chatter.
 */
const MULTI_MILESTONES: ReadonlySet<MultiEvent['type']> = new Set<MultiEvent['type']>(['election', 'leader', 'step-down', 'chosen', 'violation']);

export const MULTI: ProtocolAdapter = {
  name: 'multi',
  create: (config) => {
    const { protocol: _p, ...rest } = config;
    return createMultiWorld(rest);
  },
  apply: (world, cmd) => applyMulti(world as MultiWorld, cmd as MultiCommand),
  nextDue: (world) => nextDueMulti(world as MultiWorld),
  describe: (e) => describeMulti(e as MultiEvent),
  traceLine: (e) => multiTraceLine(e as MultiEvent),
  isMilestone: (e) => MULTI_MILESTONES.has((e as MultiEvent).type),
  marks(cmd, events) {
    const out: { kind: MarkKind; label: string }[] = [];
    const c = cmd as MultiCommand;
    if (c.type === 'request') out.push({ kind: 'request', label: `${quote(c.command)} sent to ${c.node}${c.id !== undefined ? ` (retry of #${c.id})` : ''}` });
    else {
      const m = commonMark(c);
      if (m) out.push(m);
    }
    for (const e of events as readonly MultiEvent[]) {
      if (e.type === 'leader') out.push({ kind: 'leader', label: `${e.node} leads with ${formatBallot(e.ballot)}${e.noops.length ? ` (no-ops in ${e.noops.join(', ')})` : ''}` });
      if (e.type === 'chosen') out.push({ kind: 'chosen', label: `slot ${e.slot} = ${entry(e.value)} chosen` });
      if (e.type === 'violation') out.push({ kind: 'violation', label: `safety violated: ${e.invariant}` });
    }
    return out;
  },
  config: (world) => (world as MultiWorld).config,
};

export function protocolOf(name: ProtocolName | undefined): ProtocolAdapter {
  return name === 'multi' ? MULTI : BASIC;
}

export { DEFAULT_MULTI_CONFIG };
