// Command-line arguments of `npm run explore` (kept apart from the CLI so tests can call it).
import { LAMPORT_LIMITS, LAMPORT_VARIANTS, LAMPORT_VARIANT_HELP, type LamportVariant } from './lamport';

export interface ExploreArgs {
  model: 'lamport';
  acceptors: number;
  values: number;
  ballots: number;
  variant: LamportVariant;
  symmetry: boolean;
  json: boolean;
  maxStates: number | null;
  maxDepth: number | null;
  maxMemoryMB: number | null;
  allViolations: boolean;
  progress: boolean;
  sweepLine: boolean;
  help: boolean;
}

export const EXPLORE_USAGE = `usage: npm run explore -- [--model lamport] [--acceptors N] [--values N] [--ballots N]
                          [--symmetry] [--variant NAME] [--json] [--max-states N] [--max-depth N]
                          [--max-memory-mb N] [--all-violations] [--progress] [--no-sweep-line]
  Explores every reachable state of Lamport's abstract model of basic Paxos breadth-first and
  checks agreement; on a violation prints a shortest counterexample.
  --acceptors N      ${LAMPORT_LIMITS.acceptors[0]}–${LAMPORT_LIMITS.acceptors[1]} (default 3)     --values N   ${LAMPORT_LIMITS.values[0]}–${LAMPORT_LIMITS.values[1]} (default 2)
  --ballots N        ${LAMPORT_LIMITS.ballots[0]}–${LAMPORT_LIMITS.ballots[1]}, ballots 0 … N−1 (default 3)
  --symmetry         count a state and its permutations of acceptors and of values as one
  --variant NAME     one of (default correct):${LAMPORT_VARIANTS.map((v) => `\n                       ${v}: ${LAMPORT_VARIANT_HELP[v]}`).join('')}
  --json             print one JSON line
  --max-states N     stop before storing more distinct states than N
  --max-depth N      store no state more than N steps from the initial one
  --max-memory-mb N  stop before the states kept (visited set, parents; or a tree walk's two levels) exceed N MiB (default 16384)
  --all-violations   keep going after the first violation and count every violating state
  --progress         print progress to stderr once per second
  --no-sweep-line    keep every state in the hash index, not just the level being generated
                     (same result, slower; for comparison)`;

export class UsageError extends Error {}

function whole(flag: string, text: string | undefined, lo: number, hi: number): number {
  if (text === undefined || text.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number, not "${text}"`);
  const n = Number(text);
  if (n < lo || n > hi) throw new UsageError(`${flag} must be from ${lo} to ${hi}, not ${n}`);
  return n;
}

/** Parses the arguments after `--`; throws UsageError naming the problem. */
export function parseExploreArgs(argv: readonly string[]): ExploreArgs {
  const args: ExploreArgs = {
    model: 'lamport', acceptors: 3, values: 2, ballots: 3, variant: 'correct', symmetry: false, json: false,
    maxStates: null, maxDepth: null, maxMemoryMB: null, allViolations: false, progress: false, sweepLine: true, help: false,
  };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (seen.has(flag)) throw new UsageError(`${flag} given twice`);
    seen.add(flag);
    const noValue = () => { if (inline !== undefined) throw new UsageError(`${flag} takes no value`); };
    switch (flag) {
      case '--help': case '-h': args.help = true; break;
      case '--json': noValue(); args.json = true; break;
      case '--symmetry': noValue(); args.symmetry = true; break;
      case '--all-violations': noValue(); args.allViolations = true; break;
      case '--progress': noValue(); args.progress = true; break;
      case '--no-sweep-line': noValue(); args.sweepLine = false; break;
      case '--model': {
        const m = value();
        if (m === undefined || m.startsWith('--')) throw new UsageError('--model needs a value');
        if (m !== 'lamport') throw new UsageError(`unknown model "${m}" (known: lamport)`);
        args.model = m;
        break;
      }
      case '--variant': {
        const v = value();
        if (v === undefined || v.startsWith('--')) throw new UsageError('--variant needs a value');
        if (!(LAMPORT_VARIANTS as readonly string[]).includes(v)) throw new UsageError(`unknown variant "${v}" (known: ${LAMPORT_VARIANTS.join(', ')})`);
        args.variant = v as LamportVariant;
        break;
      }
      case '--acceptors': args.acceptors = whole(flag, value(), ...LAMPORT_LIMITS.acceptors); break;
      case '--values': args.values = whole(flag, value(), ...LAMPORT_LIMITS.values); break;
      case '--ballots': args.ballots = whole(flag, value(), ...LAMPORT_LIMITS.ballots); break;
      case '--max-states': args.maxStates = whole(flag, value(), 1, 0xfffffffe); break;
      case '--max-depth': args.maxDepth = whole(flag, value(), 0, 1_000_000); break;
      case '--max-memory-mb': args.maxMemoryMB = whole(flag, value(), 1, 1 << 20); break;
      default: throw new UsageError(raw.startsWith('-') ? `unknown option ${raw}` : `unexpected argument "${raw}"`);
    }
  }
  return args;
}
