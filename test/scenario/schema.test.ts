import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario, validateScenario } from '../../src/scenario';

const base = { version: 1, protocol: 'basic', nodes: 3, seed: 7 };
const err = (input: unknown) => {
  const r = validateScenario(input);
  return r.ok ? 'ok' : r.error;
};

describe('scenario validation', () => {
  it('accepts the documented example', () => {
    const r = validateScenario({ ...base, network: { mode: 'auto' }, steps: [
      { write: { node: 'A', value: 'X' } }, { run: { ticks: 50 } }, { crash: 'B' }, { restart: 'B' },
      { partition: [['A', 'B'], ['C']] }, { heal: {} }, { read: { node: 'C' } },
      { deliver: { type: 'prepare', from: 'A', to: 'B' } }, { drop: { type: 'accept', from: 'A', to: 'C' } },
      { timeout: 'A' }, { run: { until: 'quiet' } }] });
    expect(r.ok).toBe(true);
  });

  it('names the step and the field of a bad step', () => {
    expect(err({ ...base, steps: [{ heal: {} }, { write: { node: 'A', value: 7 } }] })).toMatch(/^step 1 \(write\): value: /);
    expect(err({ ...base, steps: [{ deliver: { type: 'prepar' } }] })).toMatch(/^step 0 \(deliver\): type: .*"prepare"/);
    expect(err({ ...base, steps: [{ explode: 'A' }] })).toMatch(/^step 0: unknown step "explode"; expected one of write, read, run/);
    expect(err({ ...base, steps: [{ crash: 'A', restart: 'A' }] })).toMatch(/^step 0: must have exactly one key/);
    expect(err({ ...base, steps: [{ crash: 'E' }] })).toBe('step 0 (crash): there is no node E in a cluster of 3');
    expect(err({ ...base, steps: [{ deliver: { type: 'prepare', colour: 'red' } }] })).toMatch(/step 0 \(deliver\): .*colour/);
  });

  it('rejects unknown or missing top-level keys, wrong types and out-of-range values', () => {
    expect(err({ ...base, steps: [], extra: 1 })).toMatch(/extra/);
    expect(err({ version: 1, protocol: 'basic', nodes: 3, steps: [] })).toMatch(/seed/);
    expect(err({ ...base, nodes: 12, steps: [] })).toMatch(/nodes: must be 3 to 9/);
    expect(err({ ...base, nodes: '3', steps: [] })).toMatch(/nodes/);
    expect(err({ ...base, protocol: 'raft', steps: [] })).toMatch(/protocol/);
    expect(err({ ...base, network: { mode: 'fast' }, steps: [] })).toMatch(/network\.mode/);
    expect(err({ ...base, network: { latencyTicksMin: 9, latencyTicksMax: 3 }, steps: [] })).toMatch(/latencyTicksMin must not exceed/);
    expect(err([])).toMatch(/must be a JSON object/);
    expect(err(null)).toMatch(/must be a JSON object/);
  });

  it('says clearly when a file comes from a newer version', () => {
    expect(err({ ...base, version: 2, steps: [] })).toMatch(/newer Paxoscope/);
    expect(err({ ...base, version: 0, steps: [] })).toMatch(/version must be 1/);
  });

  it('reports JSON syntax errors without throwing', () => {
    const r = parseScenario('{ "version": 1, ');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^not valid JSON/);
  });

  it('limits sizes of untrusted input', () => {
    expect(err({ ...base, steps: [{ write: { node: 'A', value: 'x'.repeat(65) } }] })).toMatch(/at most 64/);
    expect(err({ ...base, steps: Array.from({ length: 10_001 }, () => ({ heal: {} })) })).toMatch(/at most 10000 steps/);
  });
});

describe('scenario config', () => {
  it('keeps a one-sided range valid: only a small max lowers the default min too', async () => {
    const { DEFAULT_CONFIG } = await import('../../src/core');
    const { scenarioConfig } = await import('../../src/scenario');
    const parsed = validateScenario({ ...base, network: { latencyTicksMax: 5 }, timing: { retryTicksMin: 500 }, steps: [] });
    if (!parsed.ok) throw new Error(parsed.error);
    const cfg = scenarioConfig(parsed.scenario, DEFAULT_CONFIG);
    expect([cfg.latencyTicksMin, cfg.latencyTicksMax]).toEqual([5, 5]);
    expect([cfg.retryTicksMin, cfg.retryTicksMax]).toEqual([500, 500]);
  });
});

describe('scenario replay', () => {
  it('stops a scenario that would run away, naming the step', () => {
    const parsed = validateScenario({ ...base, timing: { retryTicksMin: 1, retryTicksMax: 1, backoffTicksMax: 1 },
      steps: [{ partition: [['A'], ['B'], ['C']] }, { write: { node: 'A', value: 'X' } }, { run: { ticks: 9_000_000 } }] });
    if (!parsed.ok) throw new Error(parsed.error);
    const run = runScenario(parsed.scenario);
    expect(run.error).toEqual({ step: 2, message: expect.stringMatching(/^stopped: the scenario needs more than 100000/) });
  }, 30_000);


  it('stops at a step that matches nothing and names it', () => {
    const parsed = validateScenario({ ...base, network: { mode: 'manual' }, steps: [
      { write: { node: 'A', value: 'X' } }, { deliver: { type: 'accept' } }] });
    if (!parsed.ok) throw new Error(parsed.error);
    const run = runScenario(parsed.scenario);
    expect(run.error).toEqual({ step: 1, message: expect.stringMatching(/^no in-flight accept \(in flight: #1 prepare A→B 1\.A, #2 prepare A→C 1\.A\)$/) });
  });

  it('replays the recorded command log to the same events', async () => {
    const { apply, createWorld, DEFAULT_CONFIG } = await import('../../src/core');
    const { scenarioConfig } = await import('../../src/scenario');
    const parsed = validateScenario({ ...base, steps: [{ write: { node: 'A', value: 'X' } }, { crash: 'C' }, { run: { until: 'quiet' } }] });
    if (!parsed.ok) throw new Error(parsed.error);
    const run = runScenario(parsed.scenario);
    let w = createWorld(scenarioConfig(parsed.scenario, DEFAULT_CONFIG));
    const events = [];
    for (const c of run.commands) { const r = apply(w, c); w = r.world; events.push(...r.events); }
    expect(events).toEqual(run.events);
  });
});

describe('Multi-Paxos scenario validation', () => {
  const multi = { version: 1, protocol: 'multi', nodes: 5, seed: 1 };

  it('accepts request steps, retries, election/heartbeat timeouts, slot matchers and multi settings', () => {
    const r = validateScenario({ ...multi, multi: { heartbeatTicks: 80, pipelineWindow: 4 }, steps: [
      { timeout: { node: 'A', kind: 'election' } }, { request: { node: 'B', command: 'append x' } },
      { request: { node: 'C', command: 'append x', id: 1 } }, { drop: { type: 'accept', slot: 2, to: 'B' } },
      { deliver: { type: 'heartbeat', from: 'A' } }, { run: { until: 'quiet' } }] });
    expect(r.ok).toBe(true);
  });

  it('says which protocol a step or setting belongs to', () => {
    expect(err({ ...multi, steps: [{ write: { node: 'A', value: 'X' } }] })).toMatch(/^step 0 \(write\): write is a basic Paxos step; in Multi-Paxos a client sends \{ "request"/);
    expect(err({ ...base, steps: [{ request: { node: 'A', command: 'x' } }] })).toMatch(/^step 0 \(request\): request is a Multi-Paxos step/);
    expect(err({ ...base, steps: [{ timeout: { node: 'A', kind: 'election' } }] })).toMatch(/^step 0 \(timeout\): kind must be "retry" or "read-timeout"/);
    expect(err({ ...multi, steps: [{ timeout: { node: 'A', kind: 'retry' } }] })).toMatch(/kind must be "election" or "heartbeat"/);
    expect(err({ ...base, steps: [{ drop: { type: 'accept', slot: 2 } }] })).toMatch(/slot is for Multi-Paxos messages/);
    expect(err({ ...multi, steps: [{ drop: { type: 'decide' } }] })).toMatch(/type must be one of prepare, promise, accept, accepted, nack, commit, heartbeat, catch-up, forward/);
    expect(err({ ...base, multi: { pipelineWindow: 2 }, steps: [] })).toMatch(/only a Multi-Paxos scenario/);
    expect(err({ ...multi, protocol: 'raft', steps: [] })).toMatch(/protocol: must be "basic" or "multi"/);
  });

  it('runScenario refuses a Multi-Paxos scenario instead of misreading it', () => {
    const parsed = validateScenario({ ...multi, steps: [{ request: { node: 'A', command: 'x' } }] });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(runScenario(parsed.scenario).error?.message).toMatch(/Multi-Paxos scenario/);
  });
});
