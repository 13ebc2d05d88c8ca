import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { hashLines, type Command, type NodeId } from '../../src/core';
import { decodeLink, encodeLink, formatScenario, parseScenario, runScenario, validateScenario, type Scenario } from '../../src/scenario';
import { Engine } from '../../src/worker/engine';
import { exportScenario, loadScenario } from '../../src/worker/scenarioIO';

// The Share button's promise, as a property: whatever a user does — writes, reads, crashes,
// restarts, drops, duplicates, delays, early deliveries, timers, partitions and heals, with steps,
// phases and real-time play in between, then a seek anywhere in the history — the link
// (encode → decode) and the file (format → parse) replay to the same moment with the same trace
// hash. fast-check prints the seed and the shrunk list of actions of any failure.

const NODE_IDS = 'ABCDEFGHI'.split('') as NodeId[];

type Action =
  | { kind: 'write' | 'read' | 'crash' | 'restart' | 'fire'; pick: number; value?: string }
  | { kind: 'drop' | 'duplicate' | 'deliver'; pick: number }
  | { kind: 'delay'; pick: number; ticks: number }
  | { kind: 'partition'; pick: number }
  | { kind: 'heal' }
  | { kind: 'step'; count: number }
  | { kind: 'phase' }
  | { kind: 'play'; ms: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), pick: fc.nat(), value: fc.constantFrom('X', 'Y', 'Z', 'v1', '<b>') }),
  ...(['read', 'crash', 'restart', 'fire'] as const).map((kind) => fc.record({ kind: fc.constant(kind), pick: fc.nat() })),
  ...(['drop', 'duplicate', 'deliver'] as const).map((kind) => fc.record({ kind: fc.constant(kind), pick: fc.nat() })),
  fc.record({ kind: fc.constant('delay' as const), pick: fc.nat(), ticks: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('partition' as const), pick: fc.nat() }),
  fc.constant({ kind: 'heal' as const }),
  fc.record({ kind: fc.constant('step' as const), count: fc.integer({ min: 1, max: 12 }) }),
  fc.constant({ kind: 'phase' as const }),
  fc.record({ kind: fc.constant('play' as const), ms: fc.integer({ min: 30, max: 1500 }) }),
);

/** Turn a random action into a command that fits the world now (or nothing when none fits). */
function toCommand(e: Engine, a: Action): Command | null {
  const w = e.current;
  const ids = NODE_IDS.slice(0, w.config.nodes);
  const up = w.nodes.filter((n) => n.up).map((n) => n.id);
  const down = w.nodes.filter((n) => !n.up).map((n) => n.id);
  const of = <T>(list: readonly T[], i: number): T | null => (list.length === 0 ? null : list[i % list.length]!);
  switch (a.kind) {
    case 'write': { const n = of(up, a.pick); return n === null ? null : { type: 'write', node: n, value: a.value ?? 'X' }; }
    case 'read': { const n = of(up, a.pick); return n === null ? null : { type: 'read', node: n }; }
    case 'crash': { const n = of(up, a.pick); return n === null ? null : { type: 'crash', node: n }; }
    case 'restart': { const n = of(down, a.pick); return n === null ? null : { type: 'restart', node: n }; }
    case 'fire': { const t = of(w.timers, a.pick); return t && { type: 'fire', node: t.node, kind: t.kind }; }
    case 'drop': case 'duplicate': case 'deliver': { const m = of(w.inflight, a.pick); return m && { type: a.kind, id: m.id }; }
    case 'delay': { const m = of(w.inflight, a.pick); return m && { type: 'delay', id: m.id, ticks: a.ticks }; }
    case 'partition': {
      const cut = 1 + (a.pick % (ids.length - 1));
      return { type: 'partition', groups: [ids.slice(0, cut), ids.slice(cut)] };
    }
    case 'heal': return { type: 'heal' };
    default: return null;
  }
}

function perform(e: Engine, actions: readonly Action[]): void {
  for (const a of actions) {
    if (a.kind === 'step') for (let i = 0; i < a.count; i++) e.step();
    else if (a.kind === 'phase') e.stepPhase();
    else if (a.kind === 'play') {
      e.play();
      for (let t = 0; t < a.ms; t += 33) e.advanceWall(33);
      e.pause();
    } else {
      const cmd = toCommand(e, a);
      if (cmd) e.dispatch(cmd); // a command the world refuses changes nothing
    }
  }
}

describe('share round trip: random user runs', { timeout: 120_000 }, () => {
  it('encode → decode → replay lands on the same position with the same trace hash', () => {
    const seen = new Set<string>();
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 3, max: 7 }), fc.constantFrom('auto' as const, 'manual' as const),
      fc.array(action, { minLength: 1, maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }),
      (seed, nodes, mode, actions, where) => {
        const e = new Engine({ seed, nodes, mode }, () => {});
        perform(e, actions);
        for (const c of e.commands) seen.add(c.cmd.type);
        e.seek(Math.round(where * e.commands.length));
        const out = exportScenario(e);
        if (!out.ok) throw new Error(out.error);
        expect(out.position).toBe(e.viewPosition);
        expect(out.traceHash).toBe(e.traceHash());

        // As a link.
        const link = decodeLink(encodeLink(out.scenario, out.position));
        if (!link.ok) throw new Error(link.error);
        expect(link.position).toBe(out.position);
        const opened = new Engine({}, () => {});
        expect(loadScenario(opened, link.scenario, link.position)).toMatchObject({ ok: true });
        expect(opened.viewPosition).toBe(out.position);
        expect(opened.traceHash()).toBe(out.traceHash);
        expect(opened.current).toEqual(e.current);

        // As a file (no position: it opens at the end, which is the end of the original run).
        const file = parseScenario(formatScenario(link.scenario));
        if (!file.ok) throw new Error(file.error);
        const run = runScenario(file.scenario);
        expect(run.error).toBeNull();
        expect(run.commands).toEqual(e.commands.map((c) => c.cmd));
        e.seek(e.commands.length);
        expect(hashLines(run.lines)).toBe(e.traceHash());
      },
    ), { numRuns: 300 });
    // Not vacuous: every kind of user command (and the player's) was exercised.
    expect([...seen].sort()).toEqual(['advance', 'crash', 'delay', 'deliver', 'drop', 'duplicate', 'fire', 'heal', 'next', 'partition', 'read', 'restart', 'write']);
  });
});

// Complements test/scenario/link.test.ts (truncation, garbling, huge, deeply nested, wrong types):
// links tampered with *inside* the compressed JSON, and script in every string a link can carry.
describe('share round trip: tampered and hostile links', { timeout: 60_000 }, () => {
  const HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', 'javascript:alert(1)', '{{constructor.constructor(\'alert(1)\')()}}', '__proto__'];
  const base = (() => {
    const e = new Engine({ nodes: 5, seed: 99 }, () => {});
    perform(e, [{ kind: 'write', pick: 0, value: 'X' }, { kind: 'step', count: 5 }, { kind: 'drop', pick: 1 }, { kind: 'crash', pick: 2 }, { kind: 'play', ms: 900 }]);
    const out = exportScenario(e);
    if (!out.ok) throw new Error(out.error);
    return out.scenario;
  })();
  const payload = JSON.parse(LZString.decompressFromEncodedURIComponent(encodeLink(base).slice('#s=1.'.length))) as Record<string, unknown>;

  /** Replace the value at a random path of `json` with `value`. */
  const tamper = (json: unknown, path: readonly number[], value: unknown): unknown => {
    if (path.length === 0 || typeof json !== 'object' || json === null) return value;
    const keys = Object.keys(json);
    if (keys.length === 0) return value;
    const k = keys[path[0]! % keys.length]!;
    const copy: Record<string, unknown> = Array.isArray(json) ? [...json] as unknown as Record<string, unknown> : { ...json };
    copy[k] = tamper((json as Record<string, unknown>)[k], path.slice(1), value);
    return copy;
  };

  it('never throws on 1,000 links tampered inside their JSON; what opens is a valid scenario', () => {
    const hostileValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...HOSTILE), fc.constantFrom(-1, 1e308, 2 ** 53, 0.5, '', null));
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), hostileValue, (path, value) => {
      const hash = `#s=1.${LZString.compressToEncodedURIComponent(JSON.stringify(tamper(payload, path, value)))}&t=3`;
      let r: ReturnType<typeof decodeLink> | undefined;
      expect(() => { r = decodeLink(hash); }).not.toThrow();
      if (r!.ok) expect(validateScenario(r!.scenario)).toEqual({ ok: true, scenario: r!.scenario });
      else expect(r!.error).toMatch(/^This link/);
    }), { numRuns: 1_000 });
  });

  it('gives back script in titles, descriptions and values as exactly the same plain text', () => {
    const text = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 64 }).map((s) => `<${s}>`));
    fc.assert(fc.property(text, text, fc.array(text.filter((v) => v.length >= 1 && v.length <= 64), { minLength: 1, maxLength: 4 }), (title, description, values) => {
      const s: Scenario = {
        version: 1, protocol: 'basic', nodes: 3, seed: 1, title: title.slice(0, 200), description,
        steps: values.map((value, i) => ({ write: { node: NODE_IDS[i % 3]!, value } })),
      };
      const r = decodeLink(encodeLink(s, 1));
      if (!r.ok) throw new Error(r.error);
      expect(r.scenario).toEqual(s);
    }), { numRuns: 500 });
  });
});
