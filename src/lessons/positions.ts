// Where a lesson step is in its run: a step's `at` counts scenario steps carried out, and the
// scenario runner reports the command position right after each step (`stepEnds`).

/** The command position after the first `at` scenario steps (0 = the starting world; past the end: the end). */
export function positionAt(stepEnds: readonly number[], at: number): number {
  if (at <= 0 || stepEnds.length === 0) return 0;
  return stepEnds[Math.min(at, stepEnds.length) - 1]!;
}
