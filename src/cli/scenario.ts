// npm run scenario -- FILE [--json]
// Replays a scenario file headless and prints the trace (one line per event) and the outcome.
import { readFileSync } from 'node:fs';
import { formatMultiReport, multiOutcome, outcome, parseScenario, runMultiScenario, runScenario } from '../scenario';
import { formatReport } from '../scenario/report';

const USAGE = 'usage: npm run scenario -- FILE.json [--json]\n  Replays a Paxoscope scenario and prints its trace; --json prints one JSON summary instead.';

export function main(argv: readonly string[]): number {
  const files = argv.filter((a) => !a.startsWith('-'));
  const flags = argv.filter((a) => a.startsWith('-'));
  if (flags.includes('--help') || flags.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = flags.filter((f) => f !== '--json');
  if (unknown.length > 0 || files.length !== 1) {
    console.error(unknown.length > 0 ? `unknown option ${unknown[0]}` : files.length === 0 ? 'no scenario file given' : 'give exactly one scenario file');
    console.error(USAGE);
    return 2;
  }
  const file = files[0]!;
  const json = flags.includes('--json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return 1;
  }
  const parsed = parseScenario(text);
  if (!parsed.ok) {
    console.error(`${file}: ${parsed.error}`);
    return 1;
  }
  const multi = parsed.scenario.protocol === 'multi';
  const run = multi ? runMultiScenario(parsed.scenario) : runScenario(parsed.scenario);
  if (run.error) {
    if (!json) console.log(run.lines.join('\n'));
    const kind = Object.keys(parsed.scenario.steps[run.error.step]!)[0];
    console.error(`${file}: step ${run.error.step} (${kind}): ${run.error.message}`);
    return 1;
  }
  if (multi) {
    const m = run as ReturnType<typeof runMultiScenario>;
    console.log(json ? JSON.stringify(multiOutcome(m)) : formatMultiReport(m));
  } else {
    const b = run as ReturnType<typeof runScenario>;
    console.log(json ? JSON.stringify(outcome(b)) : formatReport(b));
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
