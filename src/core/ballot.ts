import type { Ballot, NodeId } from './types';

/**
 * Total order on ballots: round first, node id as tie-break. The tie-break is what makes ballots
 * unique per proposer — two proposers in the same round still get different, ordered ballots.
 * Returns <0, 0 or >0. A missing ballot (null) is below every ballot.
 */
export function compareBallots(a: Ballot | null, b: Ballot | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (a.round !== b.round) return a.round - b.round;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/**
 * The order the protocol uses: compareBallots, or — with the `no-tiebreak` variant — rounds only,
 * so that 1.A and 1.B compare as equal (the broken rule cannot tell two proposers' ballots apart).
 */
export function compareForProtocol(a: Ballot | null, b: Ballot | null, noTiebreak = false): number {
  if (!noTiebreak || a === null || b === null) return compareBallots(a, b);
  return a.round - b.round;
}

export function ballotEquals(a: Ballot | null, b: Ballot | null): boolean {
  return compareBallots(a, b) === 0;
}

export function ballotAbove(a: Ballot | null, b: Ballot | null): boolean {
  return compareBallots(a, b) > 0;
}

/** `2.B` */
export function formatBallot(b: Ballot | null): string {
  return b === null ? '—' : `${b.round}.${b.node}`;
}

export function ballotKey(b: Ballot): string {
  return `${b.round}.${b.node}`;
}

export function makeBallot(round: number, node: NodeId): Ballot {
  return { round, node };
}

/** Parse `2.B`; null when malformed. */
export function parseBallot(text: string): Ballot | null {
  const m = /^(\d{1,9})\.([A-I])$/.exec(text);
  return m ? { round: Number(m[1]), node: m[2]! } : null;
}
