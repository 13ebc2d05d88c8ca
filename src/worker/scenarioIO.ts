import { DEFAULT_CONFIG, type SimConfig } from '../core';
// Direct module imports, not '../scenario': the worker must not pull in the validator (zod) or the
// link codec, which only the UI needs.
import { scenarioConfig } from '../scenario/config';
import { scenarioFromCommands } from '../scenario/fromCommands';
import { runScenario } from '../scenario/run';
import type { Scenario } from '../scenario/schema';
import type { Engine } from './engine';

// Scenarios in and out of the engine: what the Share button, share links and JSON files use.
// A scenario is expanded into the very commands that recorded it (scenarioFromCommands is exact),
// so a command position in a link means the same moment in the replay.

export type LoadResult = { ok: true; config: SimConfig } | { ok: false; error: string };

export type ExportResult =
  | { ok: true; scenario: Scenario; position: number; traceHash: string }
  | { ok: false; error: string };

/**
 * Replay a validated scenario into the engine, viewing it after `position` commands (the end when
 * null; a position past the end shows the end). On error the engine keeps its current run.
 */
export function loadScenario(engine: Engine, scenario: Scenario, position: number | null): LoadResult {
  const run = runScenario(scenario);
  if (run.error) return { ok: false, error: `step ${run.error.step + 1} cannot be carried out: ${run.error.message}` };
  const config = scenarioConfig(scenario, DEFAULT_CONFIG);
  engine.load(config, run.commands, position === null ? null : Math.min(position, run.commands.length));
  return { ok: true, config };
}

/** The whole run as a scenario, with the view's position and the trace hash up to it. */
export function exportScenario(engine: Engine, title = 'Paxoscope run'): ExportResult {
  const { config, commands, position } = engine.exportRun();
  try {
    const scenario = scenarioFromCommands(config, commands, { title });
    return { ok: true, scenario, position, traceHash: engine.traceHash() };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
