import { formatBallot } from '../core';
import { outcome, type ScenarioRun } from './run';

// The human-readable report `npm run scenario -- FILE` prints: the trace (one line per event), a
// blank line, then a summary. Golden tests (test/scenarios/*.trace) compare against exactly this
// text, so the CLI and the tests share it rather than each formatting its own.

/** The summary lines under a trace: what was chosen and learned, read results, safety, trace hash. */
export function summaryLines(run: ScenarioRun): string[] {
  const out = outcome(run);
  const first = run.world.monitor.chosen[0];
  const lines = [
    // Only for a run with "Break Paxos" variants: a correct run's summary (and golden trace) is unchanged.
    ...(out.variants ? [`variants: ${out.variants.join(', ')} (deliberately broken rules)`] : []),
    `chosen: ${out.chosen === null ? 'nothing yet' : JSON.stringify(out.chosen)}${first ? ` (ballot ${formatBallot(first.ballot)})` : ''}`,
    `learned: ${Object.entries(out.learned).map(([n, v]) => `${n}=${v === null ? '—' : JSON.stringify(v)}`).join(' ')}`,
  ];
  for (const r of out.reads) lines.push(`read at ${r.node}: ${r.result === 'ok' ? `ok ${JSON.stringify(r.value)}` : `fail (${r.reason})`}`);
  lines.push(out.violations.length === 0 ? 'safety: all invariants hold' : `safety: ${out.violations.length} VIOLATION(S)`);
  for (const v of out.violations) lines.push(`  ${v.invariant} at t=${v.time}: ${v.explanation}`);
  lines.push(`events: ${out.events}  trace hash: ${out.traceHash}`);
  return lines;
}

/**
 * The whole report, without a trailing newline (the CLI prints it with console.log). The trace
 * block is joined first so that an empty trace still prints as an empty line, as it always has.
 */
export function formatReport(run: ScenarioRun): string {
  return [run.lines.join('\n'), '', ...summaryLines(run)].join('\n');
}
