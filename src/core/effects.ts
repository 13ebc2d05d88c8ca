import type { Message, NodeId, NodeState, Payload, SimEvent, TimerKind } from './types';
import type { BrokenRules } from './variants';

// What a role handler asks the simulation to do. Handlers stay pure and RNG-free: they name timer
// ranges, and the simulation draws the random delay from the world's seeded PRNG.

export interface Outgoing {
  readonly to: NodeId;
  readonly payload: Payload;
}

export type TimerOp =
  /** (Re)arm this node's timer of `kind` after a delay drawn uniformly from [min, max] ticks. */
  | { readonly op: 'set'; readonly kind: TimerKind; readonly minTicks: number; readonly maxTicks: number; readonly readId?: number }
  | { readonly op: 'cancel'; readonly kind: TimerKind; readonly readId?: number };

export interface Effects {
  readonly node: NodeState;
  readonly send: readonly Outgoing[];
  readonly events: readonly SimEvent[];
  readonly timers: readonly TimerOp[];
}

/** Context a handler may read: cluster membership and the current simulated time. */
export interface RoleContext {
  readonly now: number;
  readonly ids: readonly NodeId[];
  readonly retryTicksMin: number;
  readonly retryTicksMax: number;
  readonly backoffTicksMax: number;
  readonly readTimeoutTicks: number;
  /**
   * "Break Paxos" variants in force (variants.ts), or null/absent for the correct protocol. Every
   * broken branch tests this first, so the correct path costs one falsy check.
   */
  readonly broken?: BrokenRules | null;
}

export function effects(node: NodeState, parts: Partial<Omit<Effects, 'node'>> = {}): Effects {
  return { node, send: parts.send ?? [], events: parts.events ?? [], timers: parts.timers ?? [] };
}

/** The message is not acted upon; the event says why (shown in the log, so students see the rule). */
export function ignore(node: NodeState, msg: Message, why: string, now: number): Effects {
  return effects(node, { events: [{ type: 'ignore', time: now, node: node.id, msg, why }] });
}

export function toAll(ids: readonly NodeId[], payload: Payload): Outgoing[] {
  return ids.map((to) => ({ to, payload }));
}
