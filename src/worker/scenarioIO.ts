import { DEFAULT_CONFIG, DEFAULT_MULTI_CONFIG, type MultiCommand, type MultiConfig, type Command, type SimConfig } from '../core';
// Direct module imports, not '../scenario': the worker must not pull in the validator (zod) or the
// link codec, which only the UI needs.
import { scenarioConfig, scenarioMultiConfig } from '../scenario/config';
import { multiScenarioFromCommands, scenarioFromCommands } from '../scenario/fromCommands';
import { runScenario } from '../scenario/run';
import { runMultiScenario } from '../scenario/runMulti';
import type { Scenario } from '../scenario/schema';
import type { Engine } from './engine';

// Scenarios in and out of the engine: what the Share button, share links and JSON files use.
// A scenario is expanded into the very commands that recorded it (scenarioFromCommands is exact),
// so a command position in a link means the same moment in the replay. Both protocols: a
// "protocol": "multi" scenario replays as a Multi-Paxos run (runMultiScenario) and a Multi-Paxos
// run exports as one (multiScenarioFromCommands).

/** The loaded run's configuration; a Multi-Paxos one says so (`protocol: 'multi'`), a basic one has no `protocol`. */
export type LoadResult =
  | { ok: true; config: SimConfig | (MultiConfig & { protocol: 'multi' }) }
  | { ok: false; error: string };

export type ExportResult =
  | { ok: true; scenario: Scenario; position: number; traceHash: string }
  | { ok: false; error: string };

/**
 * Replay a validated scenario into the engine, viewing it after `position` commands (the end when
 * null; a position past the end shows the end). On error the engine keeps its current run.
 */
export function loadScenario(engine: Engine, scenario: Scenario, position: number | null): LoadResult {
  const clamp = (n: number) => (position === null ? null : Math.min(position, n));
  if (scenario.protocol === 'multi') {
    const run = runMultiScenario(scenario);
    if (run.error) return { ok: false, error: `step ${run.error.step + 1} cannot be carried out: ${run.error.message}` };
    const config = { ...scenarioMultiConfig(scenario, DEFAULT_MULTI_CONFIG), protocol: 'multi' as const };
    engine.load(config, run.commands, clamp(run.commands.length));
    return { ok: true, config };
  }
  const run = runScenario(scenario);
  if (run.error) return { ok: false, error: `step ${run.error.step + 1} cannot be carried out: ${run.error.message}` };
  const config = scenarioConfig(scenario, DEFAULT_CONFIG);
  engine.load(config, run.commands, clamp(run.commands.length));
  return { ok: true, config };
}

/** The whole run as a scenario, with the view's position and the trace hash up to it. */
export function exportScenario(engine: Engine, title?: string): ExportResult {
  const { protocol, config, commands, position } = engine.exportRun();
  try {
    const scenario = protocol === 'multi'
      ? multiScenarioFromCommands(config as MultiConfig, commands as MultiCommand[], title ?? 'Paxoscope Multi-Paxos run')
      : scenarioFromCommands(config, commands as Command[], { title: title ?? 'Paxoscope run' });
    return { ok: true, scenario, position, traceHash: engine.traceHash() };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
