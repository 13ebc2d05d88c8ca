// npm run explore -- --model lamport --acceptors 3 --values 2 --ballots 3 [--symmetry] [--variant NAME] [--json] …
// Explores every reachable state of Lamport's abstract model of basic Paxos (src/explorer) and
// checks agreement. Exit code: 0 when no violation was found, 1 when one was, 2 on bad arguments.
import { EXPLORE_USAGE, UsageError, parseExploreArgs, type ExploreArgs } from '../explorer/args';
import { Explorer, describeCounterexample, type Counterexample, type ExploreResult } from '../explorer/bfs';
import { LamportModel } from '../explorer/lamport';

const DEFAULT_MAX_MEMORY_MB = 16_384;
const SLICE_EXPANSIONS = 50_000;

const grouped = (n: number) => n.toLocaleString('en-US');
const rate = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(0));
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

const STOP_TEXT: Record<ExploreResult['stoppedBy'], string> = {
  exhausted: 'every reachable state explored',
  violation: 'stopped at the first violation',
  maxStates: 'stopped by --max-states (not exhaustive)',
  maxDepth: 'stopped by --max-depth (not exhaustive)',
  maxBytes: 'stopped by the memory bound (not exhaustive)',
  cancelled: 'cancelled',
};

function formatCounterexample(ce: Counterexample): string {
  const lines = [`${ce.invariant} VIOLATED. Shortest counterexample, ${ce.length} steps:`];
  const width = Math.max(...ce.steps.map((s) => s.action.length));
  ce.steps.forEach((s, i) => {
    lines.push(`  ${String(i).padStart(3)}  ${s.action.padEnd(width)}  ${i === 0 ? '' : s.change}`.trimEnd());
  });
  lines.push('', 'initial state:', ...ce.steps[0]!.state.split('\n').map((l) => `  ${l}`));
  lines.push('final state:', ...ce.steps[ce.steps.length - 1]!.state.split('\n').map((l) => `  ${l}`));
  return lines.join('\n');
}

function run(args: ExploreArgs): number {
  const model = new LamportModel({ acceptors: args.acceptors, values: args.values, ballots: args.ballots, variant: args.variant });
  const maxBytes = (args.maxMemoryMB ?? DEFAULT_MAX_MEMORY_MB) * 2 ** 20;
  const t0 = performance.now();
  const explorer = new Explorer(model, {
    symmetry: args.symmetry,
    maxStates: args.maxStates ?? Infinity,
    maxDepth: args.maxDepth ?? Infinity,
    maxBytes,
    stopAtFirstViolation: !args.allViolations,
    sweepLine: args.sweepLine,
  });
  let lastReport = t0;
  while (!explorer.step(SLICE_EXPANSIONS)) {
    if (args.progress && performance.now() - lastReport >= 1000) {
      lastReport = performance.now();
      const p = explorer.progress();
      process.stderr.write(`${((lastReport - t0) / 1000).toFixed(1)} s: ${grouped(p.distinctStates)} distinct, ${grouped(p.statesGenerated)} generated, depth ${p.depth}, ${mb(p.bytes)} MB\n`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const result = explorer.result();
  const ce = describeCounterexample(explorer);
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  const heapUsedMB = mb(process.memoryUsage().heapUsed);
  const statesPerSecond = Math.round(result.distinctStates / seconds);
  const generatedPerSecond = Math.round(result.statesGenerated / seconds);

  if (args.json) {
    console.log(JSON.stringify({
      distinctStates: result.distinctStates,
      statesGenerated: result.statesGenerated,
      depth: result.depth,
      violations: result.violations,
      seconds: Math.round(seconds * 1000) / 1000,
      stoppedBy: result.stoppedBy,
      statesPerSecond,
      generatedPerSecond,
      peakMemoryMB: peakRssMB,
      heapUsedMB,
      visitedSetMB: mb(result.bytes),
      model: 'lamport',
      acceptors: args.acceptors,
      values: args.values,
      ballots: args.ballots,
      variant: args.variant,
      symmetry: args.symmetry,
      bytesPerPackedState: model.stateWords * 4,
      messageUniverse: model.messageUniverse,
      sweepLine: explorer.sweepLine,
      counterexample: ce && { invariant: ce.invariant, length: ce.length, steps: ce.steps.map((s) => (s.change ? `${s.action}: ${s.change}` : s.action)) },
    }));
  } else {
    const sym = args.symmetry ? `symmetry on (${model.symmetryPermutations} permutations)` : 'symmetry off';
    console.log(`lamport model: ${args.acceptors} acceptors, ${args.values} values, ballots 0…${args.ballots - 1}, variant ${args.variant}, ${sym}`);
    console.log(`  ${model.messageUniverse} possible messages; ${model.stateWords * 4} bytes per packed state; ${explorer.sweepLine ? 'sweep-line index (one level at a time)' : 'one index over every state'}`);
    console.log(`explored: ${grouped(result.distinctStates)} distinct states, ${grouped(result.statesGenerated)} generated, depth ${result.depth}: ${STOP_TEXT[result.stoppedBy]}`);
    console.log(`time: ${seconds.toFixed(2)} s (${rate(statesPerSecond)} distinct states/s, ${rate(generatedPerSecond)} generated/s); peak RSS ${peakRssMB} MB, visited set ${mb(result.bytes)} MB`);
    if (ce) {
      if (result.violations > 1) console.log(`violating states: ${grouped(result.violations)}`);
      console.log('');
      console.log(formatCounterexample(ce));
    } else {
      console.log(result.stoppedBy === 'exhausted' ? 'agreement: holds in every reachable state' : 'agreement: no violation among the states explored');
    }
  }
  return result.violations > 0 ? 1 : 0;
}

export function main(argv: readonly string[]): number {
  let args: ExploreArgs;
  try {
    args = parseExploreArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${EXPLORE_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(EXPLORE_USAGE);
    return 0;
  }
  try {
    return run(args);
  } catch (e) {
    // A configuration the model refuses (too many message bits, too many permutations).
    console.error(`${(e as Error).message}\n${EXPLORE_USAGE}`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
