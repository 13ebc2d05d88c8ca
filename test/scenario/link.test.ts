import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { hashLines } from '../../src/core';
import { runSwarm } from '../../src/core/swarm';
import {
  decodeLink, decompressCapped, encodeLink, LINK_ERRORS, MAX_LINK_JSON_LENGTH, MAX_LINK_LENGTH, migrate, runScenario,
  scenarioFromCommands, validateScenario, type Scenario, type Step,
} from '../../src/scenario';

const mustValidate = (input: unknown): Scenario => {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
};

const happy = mustValidate({
  version: 1, protocol: 'basic', nodes: 3, seed: 7, title: 'Happy path',
  description: 'One client write at A; every node learns it; a read at C returns it.',
  network: { mode: 'auto' },
  steps: [{ write: { node: 'A', value: 'X' } }, { run: { until: 'quiet' } }, { read: { node: 'C' } }, { run: { until: 'quiet' } }],
});

const manual = mustValidate({
  version: 1, protocol: 'basic', nodes: 5, seed: 4294967295,
  network: { mode: 'manual', latencyTicksMin: 3, latencyTicksMax: 9 },
  timing: { retryTicksMin: 20, retryTicksMax: 40, backoffTicksMax: 5, readTimeoutTicks: 50 },
  steps: [
    { write: { node: 'A', value: 'X' } }, { deliver: { type: 'prepare', to: 'B' } }, { drop: { type: 'prepare', to: 'C' } },
    { duplicate: { id: 4 } }, { delay: { type: 'prepare', ticks: 5 } }, { partition: [['A', 'B'], ['C', 'D', 'E']] },
    { heal: {} }, { crash: 'E' }, { restart: 'E' }, { timeout: { node: 'A', kind: 'retry' } }, { next: {} },
    { run: { ticks: 100 } }, { run: { to: 500 } }, { run: { until: 'quiet', maxSteps: 50 } },
  ],
});

const empty = mustValidate({ version: 1, protocol: 'basic', nodes: 9, seed: 0, steps: [] });

const decodeOk = (hash: string) => {
  const r = decodeLink(hash);
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe('share links: round trip', () => {
  it.each([['happy', happy], ['manual', manual], ['empty', empty]])('round-trips the %s scenario', (_name, s) => {
    const hash = encodeLink(s);
    expect(hash).toMatch(/^#s=1\.[A-Za-z0-9+\-$]+$/);
    const r = decodeOk(hash);
    expect(r.scenario).toEqual(s);
    expect(r.position).toBeNull();
    expect(hashLines(runScenario(r.scenario).lines)).toBe(hashLines(runScenario(s).lines));
  });

  it('carries a position', () => {
    expect(encodeLink(happy, 42)).toMatch(/&t=42$/);
    expect(decodeOk(encodeLink(happy, 42)).position).toBe(42);
    expect(decodeOk(encodeLink(happy, 0)).position).toBe(0);
    expect(() => encodeLink(happy, -1)).toThrow(RangeError);
    expect(() => encodeLink(happy, 1.5)).toThrow(RangeError);
  });

  it('ignores a bad position but still opens the scenario, and ignores unknown parameters', () => {
    const base = encodeLink(happy);
    for (const t of ['&t=', '&t=-1', '&t=1e3', '&t=abc', '&t=99999999999', '&t=1&t=2']) {
      const r = decodeOk(base + t);
      expect(r.position).toBeNull();
      expect(r.scenario).toEqual(happy);
    }
    expect(decodeOk(`#foo=bar&${base.slice(1)}&t=3&x=y`).position).toBe(3);
    expect(decodeOk(base.slice(1)).scenario).toEqual(happy); // without the leading '#'
  });

  it('keeps the JSON minimal and readable: no version, no default protocol', () => {
    const json = LZString.decompressFromEncodedURIComponent(encodeLink(happy).slice('#s=1.'.length));
    expect(JSON.parse(json)).toEqual({
      nodes: 3, seed: 7, title: 'Happy path', description: happy.description, network: { mode: 'auto' }, steps: happy.steps,
    });
  });

  it('keeps HTML in values as plain text', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const s = mustValidate({
      version: 1, protocol: 'basic', nodes: 3, seed: 1, title: '<script>alert(1)</script>', description: `"'&<>${evil}`,
      steps: [{ write: { node: 'A', value: evil } }],
    });
    const r = decodeOk(encodeLink(s));
    expect(r.scenario).toEqual(s);
    expect(r.scenario.steps[0]).toEqual({ write: { node: 'A', value: evil } });
    expect(r.scenario.title).toBe('<script>alert(1)</script>');
  });

  it('accepts a percent-encoded or form-decoded payload', () => {
    const hash = encodeLink(manual);
    const payload = hash.slice('#s=1.'.length);
    expect(decodeOk(`#s=1.${encodeURIComponent(payload).replace(/-/g, '%2D')}`).scenario).toEqual(manual);
    expect(decodeOk(`#s=1.${payload.replace(/\+/g, ' ')}`).scenario).toEqual(manual);
  });

  it('measures the link for a 100-action scenario', () => {
    const nodes = ['A', 'B', 'C', 'D', 'E'] as const;
    const steps: Step[] = [];
    for (let i = 0; i < 100; i++) {
      const n = nodes[i % 5]!;
      switch (i % 5) {
        case 0: steps.push({ write: { node: n, value: `v${i}` } }); break;
        case 1: steps.push({ run: { to: i * 40 } }); break;
        case 2: steps.push({ crash: n }); break;
        case 3: steps.push({ restart: nodes[(i + 4) % 5]! }); break;
        default: steps.push({ drop: { type: 'accept', to: n } });
      }
    }
    const s = mustValidate({ version: 1, protocol: 'basic', nodes: 5, seed: 12345, title: '100 actions', steps });
    const hash = encodeLink(s, 250);
    console.log(`100-action link: ${hash.length} characters (JSON ${JSON.stringify(s).length})`);
    expect(hash.length).toBeLessThan(1500);
    expect(decodeOk(hash).scenario).toEqual(s);
  });
});

function swarmScenario(seed: number, nodes: number, steps: number, mode: 'auto' | 'manual'): Scenario {
  const run = runSwarm({ seed, nodes, steps, config: { mode } });
  return scenarioFromCommands(run.initial.config, run.commands, { title: `swarm ${seed}` });
}

describe('share links: property', { timeout: 30_000 }, () => {
  it('encode → decode → run gives the same trace as the original, for random swarm scenarios', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 3, max: 9 }), fc.integer({ min: 1, max: 120 }),
      fc.constantFrom('auto' as const, 'manual' as const), fc.option(fc.nat({ max: 10_000 }), { nil: undefined }),
      (seed, nodes, steps, mode, position) => {
        const s = swarmScenario(seed, nodes, steps, mode);
        const r = decodeOk(encodeLink(s, position));
        expect(r.scenario).toEqual(s);
        expect(r.position).toBe(position ?? null);
        expect(hashLines(runScenario(r.scenario).lines)).toBe(hashLines(runScenario(s).lines));
      },
    ), { numRuns: 60 });
  });

  it('decodes any text the way lz-string does (titles with arbitrary characters)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 300 }), (title, description) => {
      const s = mustValidate({ version: 1, protocol: 'basic', nodes: 3, seed: 1, title, description, steps: [] });
      expect(decodeOk(encodeLink(s)).scenario).toEqual(s);
    }), { numRuns: 300 });
  });
});

describe('share links: errors', { timeout: 30_000 }, () => {
  it('says a cut-off or garbled link is damaged', () => {
    const hash = encodeLink(manual);
    for (const bad of [hash.slice(0, hash.length - 3), hash.slice(0, 12), '#s=1.', '#s=1.!!!!', '#s=1.%E0%A4%A', '#s=abc', '#s=1',
      '#s=.abc', '#s=01.' + hash.slice(5), '#s=0.' + hash.slice(5), `${hash}&s=1.abc`]) {
      expect(decodeLink(bad)).toEqual({ ok: false, error: LINK_ERRORS.damaged });
    }
  });

  it('says a link from a newer version is newer', () => {
    expect(decodeLink(`#s=2.${encodeLink(happy).slice(5)}`)).toEqual({ ok: false, error: LINK_ERRORS.newer });
    expect(decodeLink('#s=999999.whatever')).toEqual({ ok: false, error: LINK_ERRORS.newer });
  });

  it('says when there is no scenario at all', () => {
    for (const bad of ['', '#', '#t=3', '#hello', null, undefined, 42, {}]) {
      expect(decodeLink(bad)).toEqual({ ok: false, error: LINK_ERRORS.noScenario });
    }
  });

  it('names the step and the field of an invalid scenario', () => {
    const link = (json: unknown) => `#s=1.${LZString.compressToEncodedURIComponent(JSON.stringify(json))}`;
    const r = decodeLink(link({ nodes: 3, seed: 1, steps: [{ heal: {} }, { write: { node: 'A' } }, { run: {} }, { deliver: { type: 'x' } }] }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^This link's scenario is not valid: step 1 \(write\): value: .*\.$/);
    expect(decodeLink(link({ nodes: 12, seed: 1, steps: [] }))).toMatchObject({ ok: false, error: expect.stringMatching(/^This link's scenario is not valid: nodes: must be 3 to 9/) });
    expect(decodeLink(link({ nodes: 3, seed: 1, steps: [{ crash: 'E' }] }))).toMatchObject({ ok: false, error: expect.stringMatching(/no node E/) });
    // Not an object at all: damage rather than a scenario problem.
    for (const json of [[1, 2], 'text', 7, null, true]) expect(decodeLink(link(json))).toEqual({ ok: false, error: LINK_ERRORS.damaged });
  });

  it('refuses huge links and huge or deeply nested JSON before parsing', () => {
    expect(decodeLink(`#s=1.${'A'.repeat(MAX_LINK_LENGTH)}`)).toEqual({ ok: false, error: LINK_ERRORS.tooLarge });
    const bigJson = JSON.stringify({ nodes: 3, seed: 1, steps: [], title: 'x'.repeat(MAX_LINK_JSON_LENGTH) });
    const bigLink = `#s=1.${LZString.compressToEncodedURIComponent(bigJson)}`;
    expect(bigLink.length).toBeLessThan(MAX_LINK_LENGTH);
    expect(decodeLink(bigLink)).toEqual({ ok: false, error: LINK_ERRORS.tooLarge });
    const deep = `#s=1.${LZString.compressToEncodedURIComponent(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)}`;
    expect(deep.length).toBeLessThan(MAX_LINK_LENGTH);
    expect(decodeLink(deep)).toEqual({ ok: false, error: LINK_ERRORS.damaged });
    const deepInStep = `#s=1.${LZString.compressToEncodedURIComponent(`{"nodes":3,"seed":1,"steps":[{"partition":${'['.repeat(40)}${']'.repeat(40)}}]}`)}`;
    expect(decodeLink(deepInStep)).toEqual({ ok: false, error: LINK_ERRORS.damaged });
    // Brackets inside strings do not count as nesting.
    const s = mustValidate({ version: 1, protocol: 'basic', nodes: 3, seed: 1, title: '['.repeat(150), steps: [] });
    expect(decodeOk(encodeLink(s)).scenario).toEqual(s);
  });

  it('refuses a decompression bomb without expanding it', () => {
    // A run of one character compresses to codes that each name the previous entry plus one char:
    // the output grows quadratically with the link. 1 MB of "a" → a ~2.3 KB link (and a 64 KB link
    // would expand to ~500 MB in plain lz-string).
    const bomb = `#s=1.${LZString.compressToEncodedURIComponent('a'.repeat(1_000_000))}`;
    expect(bomb.length).toBeLessThan(3_000);
    const started = performance.now();
    expect(decodeLink(bomb)).toEqual({ ok: false, error: LINK_ERRORS.tooLarge });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('migrate() with the current version only fills in the implied keys', () => {
    expect(migrate(1, { nodes: 3 })).toEqual({ version: 1, protocol: 'basic', nodes: 3 });
    expect(migrate(1, { protocol: 'multi', nodes: 3 })).toEqual({ version: 1, protocol: 'multi', nodes: 3 });
  });
});

describe('share links: fuzz', { timeout: 30_000 }, () => {
  const valid = [happy, manual, empty, swarmScenario(3, 5, 80, 'auto'), swarmScenario(4, 3, 60, 'manual')].map((s) => encodeLink(s, 7));
  const link = (json: string) => `#s=1.${LZString.compressToEncodedURIComponent(json)}`;
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';

  const check = (input: string) => {
    let r: ReturnType<typeof decodeLink>;
    expect(() => { r = decodeLink(input); }).not.toThrow();
    r = decodeLink(input);
    if (r.ok) {
      expect(validateScenario(r.scenario)).toEqual({ ok: true, scenario: r.scenario });
      expect(r.position === null || Number.isInteger(r.position)).toBe(true);
    } else {
      expect(typeof r.error).toBe('string');
      expect(r.error.length).toBeGreaterThan(0);
    }
  };

  const mutated = fc.tuple(fc.constantFrom(...valid), fc.nat(), fc.nat(), fc.constantFrom(...ALPHABET.split('')), fc.nat({ max: 3 }))
    .map(([h, a, b, ch, kind]) => {
      const i = a % h.length;
      switch (kind) {
        case 0: return h.slice(0, i); // truncation
        case 1: return h.slice(0, i) + ch + h.slice(i + 1); // character flip
        case 2: return h.slice(0, i) + h.slice(i + 1 + (b % 20)); // deletion
        default: return h.slice(0, i) + String.fromCharCode(b % 0x10000) + h.slice(i); // insertion of any char
      }
    });

  const jsonValue = fc.jsonValue({ maxDepth: 6 });
  const wrongTyped = fc.record({
    nodes: fc.oneof(fc.integer(), fc.string(), jsonValue), seed: fc.oneof(fc.integer(), jsonValue),
    steps: fc.oneof(fc.array(fc.dictionary(fc.constantFrom('write', 'run', 'deliver', 'crash', 'partition', 'x'), jsonValue, { maxKeys: 2 }), { maxLength: 5 }), jsonValue),
    title: fc.oneof(fc.string(), jsonValue),
  }, { requiredKeys: [] }).map((o) => link(JSON.stringify(o)));

  const garbage = fc.oneof(
    fc.string(), fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.constantFrom(...ALPHABET.split('')) }).map((s) => `#s=1.${s}`),
    fc.string({ unit: fc.constantFrom(...ALPHABET.split('')), minLength: 1000, maxLength: 5000 }).map((s) => `#s=1.${s}`),
    jsonValue.map((v) => link(JSON.stringify(v))),
    fc.nat({ max: 300 }).map((n) => link(`{"nodes":3,"seed":1,"steps":${'['.repeat(n)}${']'.repeat(n)}}`)),
    fc.nat({ max: 20_000 }).map((n) => link('{'.repeat(n))),
    fc.string().map((s) => link(s)),
    wrongTyped,
  );

  it('never throws on 1,000 mutated valid links', () => {
    fc.assert(fc.property(mutated, (h) => check(h)), { numRuns: 1_000 });
  });

  it('never throws on 1,000 garbage links', () => {
    fc.assert(fc.property(garbage, (h) => check(h)), { numRuns: 1_000 });
  });

  it('decompresses valid payloads exactly like lz-string and never decodes damaged ones differently (1,000 mutated payloads)', () => {
    // Regression: lz-string throws (TypeError) on this damaged payload; ours returns null.
    const original = 'N4Igdg9gJgpgziAXAZgDQjjGUkHZ0AuAlgQDYxIgASAhgA50CeABHTQQBYjqxwDGAJyJ1iEMJQDyYGMz6kiMMAWYB3IQRntmAQQDczGADcYAlpFjNyNAWDjMS+mswEwaUZloDCzmAQCuNnYkAHTc4L4qEAIA1kigALbQFIggNH4EECAAvuhwGnQIiADaoGokyaDmySDaYYY0pH7VABrZOaACfuKIoF3EpJQAjn4KBG2oHa44PeBJlJ7jHV1xIH1EAynDo20AullAA';
    const damaged = 'y' + original.slice(1);
    expect(() => LZString.decompressFromEncodedURIComponent(damaged)).toThrow(TypeError);
    expect(decompressCapped(damaged, 10_000_000)).toBeNull();
    const payloads = valid.map((h) => h.slice('#s=1.'.length, h.indexOf('&')));
    fc.assert(fc.property(fc.constantFrom(...payloads), fc.nat(), fc.constantFrom(...ALPHABET.split('')), fc.boolean(), (p, a, ch, truncate) => {
      const i = a % p.length;
      const mutant = truncate ? p.slice(0, i) : p.slice(0, i) + ch + p.slice(i + 1);
      let theirs: string | null;
      try {
        theirs = LZString.decompressFromEncodedURIComponent(mutant) as string | null;
      } catch {
        theirs = null; // lz-string itself throws on some damaged input; ours must not, and gives null
      }
      const ours = decompressCapped(mutant, 10_000_000);
      // On damaged input ours may stop earlier than lz-string (it gives up on a broken stream where
      // lz-string returns a few junk characters), but it never decodes something different, and
      // whatever it refuses was never a scenario.
      if (ours !== null && ours !== '') expect(ours).toBe(theirs);
      else if (theirs !== null && theirs !== '') expect(() => JSON.parse(theirs!) as unknown).toThrow();
    }), { numRuns: 1_000 });
    for (const p of payloads) expect(decompressCapped(p, 10_000_000)).toBe(LZString.decompressFromEncodedURIComponent(p));
  });

  it('never throws on huge inputs', () => {
    for (const h of ['#s=1.' + 'A'.repeat(200_000), 'x'.repeat(1_000_000), '#s=1.' + '%'.repeat(60_000), '#'.repeat(65_000) + 's=1.AA']) check(h);
  });
});
