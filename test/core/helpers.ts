import { createWorld, step, traceLine, type Command, type Message, type NodeState, type Payload, type SimConfig, type World } from '../../src/core';
import type { RoleContext } from '../../src/core/effects';

export const ids3 = ['A', 'B', 'C'];

export function ctx(ids: string[] = ids3, now = 0): RoleContext {
  return { now, ids, retryTicksMin: 100, retryTicksMax: 200, backoffTicksMax: 50, readTimeoutTicks: 100 };
}

export function node(id: string, over: Partial<NodeState> = {}): NodeState {
  const fresh = createWorld({ nodes: 9 }).nodes.find((n) => n.id === id)!;
  return { ...fresh, ...over };
}

let nextId = 100;
export function msg<P extends Payload>(payload: P, from: string, to: string): P & Message {
  return { ...payload, id: nextId++, from, to, sentAt: 0, deliverAt: 0 } as P & Message;
}

export const b = (round: number, n: string) => ({ round, node: n });

/** Apply commands in order, collecting trace lines. */
export function play(world: World, cmds: Command[]): { world: World; lines: string[] } {
  const lines: string[] = [];
  let w = world;
  for (const c of cmds) w = step(w, c, (evs) => { for (const e of evs) lines.push(traceLine(e)); });
  return { world: w, lines };
}

export function manualWorld(over: Partial<SimConfig> = {}): World {
  return createWorld({ mode: 'manual', ...over });
}

/** Id of the oldest in-flight message matching type/from/to. */
export function wire(world: World, type: string, from?: string, to?: string): number {
  const m = world.inflight.find((x) => x.type === type && (!from || x.from === from) && (!to || x.to === to));
  if (!m) throw new Error(`no in-flight ${type} ${from ?? ''}→${to ?? ''}`);
  return m.id;
}
