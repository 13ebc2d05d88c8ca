import type { NodeId } from './types';

/** The smallest majority of `n` acceptors: any two such sets intersect. */
export function majority(n: number): number {
  return Math.floor(n / 2) + 1;
}

export function isMajority(count: number, n: number): boolean {
  return count >= majority(n);
}

/** Node names for a cluster of `n`: A, B, C, … */
export function nodeIds(n: number): NodeId[] {
  return Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));
}

export function nodeIndex(id: NodeId): number {
  return id.charCodeAt(0) - 65;
}
