import type { MultiConfig, SimConfig } from '../core';
import type { Scenario } from './schema';

// The parts of the scenario format that replaying and recording need, without the validator: the
// worker replays and records scenarios but never validates one (the UI validates untrusted input),
// so it does not carry zod.

export const SCENARIO_VERSION = 1;
export const MAX_STEPS = 10_000;
export const MAX_VALUE_LENGTH = 64;

/** The simulation config a scenario asks for (defaults for what it leaves out). */
export function scenarioConfig(s: Scenario, defaults: SimConfig): SimConfig {
  // A range given by one end only keeps the default for the other end, moved so the range stays valid.
  const range = (min: number | undefined, max: number | undefined, dMin: number, dMax: number) => ({
    min: min ?? Math.min(dMin, max ?? dMin),
    max: max ?? Math.max(dMax, min ?? dMax),
  });
  const latency = range(s.network?.latencyTicksMin, s.network?.latencyTicksMax, defaults.latencyTicksMin, defaults.latencyTicksMax);
  const retry = range(s.timing?.retryTicksMin, s.timing?.retryTicksMax, defaults.retryTicksMin, defaults.retryTicksMax);
  return {
    ...defaults,
    nodes: s.nodes,
    seed: s.seed,
    mode: s.network?.mode ?? 'auto',
    latencyTicksMin: latency.min,
    latencyTicksMax: latency.max,
    retryTicksMin: retry.min,
    retryTicksMax: retry.max,
    backoffTicksMax: s.timing?.backoffTicksMax ?? defaults.backoffTicksMax,
    readTimeoutTicks: s.timing?.readTimeoutTicks ?? defaults.readTimeoutTicks,
    // "Break Paxos" variants: only when the scenario lists some, so every other config stays as it was.
    ...(s.variants !== undefined && s.variants.length > 0 ? { variants: [...s.variants] } : {}),
  };
}

/** The Multi-Paxos configuration a scenario asks for. */
export function scenarioMultiConfig(s: Scenario, defaults: MultiConfig): MultiConfig {
  return {
    ...scenarioConfig(s, defaults),
    heartbeatTicks: s.multi?.heartbeatTicks ?? defaults.heartbeatTicks,
    pipelineWindow: s.multi?.pipelineWindow ?? defaults.pipelineWindow,
  };
}
