import { mkdirSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryId, type MultiCommand } from '../../src/core';
import { DEFAULT_MULTI_KNOBS, runMultiSwarm, type MultiSwarmKnobs, type MultiSwarmSpec } from '../../src/core/multiSwarm';
import { formatScenario, multiScenarioFromCommands, runMultiScenario } from '../../src/scenario';

// Multi-Paxos under a seeded fault swarm (drops, duplicates, delays, reordering, early timers,
// crashes and restarts, partitions, client retries): in every run the per-slot and applied-prefix
// invariants hold (the monitor records any violation). Then, with faults off, everyone up and
// connected, a single leader emerges; clients retry every request (same ids) and send three fresh
// ones, and every request ever made is applied exactly once, in the same order, on every node. A failing seed is printed with a scenario file that reproduces it.

const RUNS = 1_000;

function scaled(k: MultiSwarmKnobs, f: number): MultiSwarmKnobs {
  return Object.fromEntries(Object.entries(k).map(([name, p]) => [name, p * f])) as unknown as MultiSwarmKnobs;
}

function reproduce(spec: MultiSwarmSpec, why: string): string {
  const commands: MultiCommand[] = [];
  const r = runMultiSwarm(spec, (_e, cmd) => commands.push(cmd));
  mkdirSync('test-results', { recursive: true });
  const file = `test-results/multi-swarm-seed-${spec.seed}.json`;
  writeFileSync(file, formatScenario(multiScenarioFromCommands(r.initial.config, commands, `multi swarm seed ${spec.seed}: ${why}`)));
  return `${why}\n  seed ${spec.seed}, ${spec.nodes} nodes, ${spec.steps} steps\n  reproduce: npm run scenario -- ${file}`;
}

describe('Multi-Paxos fault swarm', () => {
  it(`keeps every slot safe in ${RUNS} seeded runs, then converges once faults stop`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 3, max: 7 }),
        fc.integer({ min: 100, max: 500 }),
        fc.constantFrom(0.5, 1, 2),
        (seed, nodes, steps, rate) => {
          const spec: MultiSwarmSpec = { seed, nodes, steps, knobs: scaled(DEFAULT_MULTI_KNOBS, rate) };
          const r = runMultiSwarm(spec);
          const v = r.world.monitor.violations[0];
          if (v) throw new Error(reproduce(spec, `${v.invariant}: ${v.explanation}`));
          const leaders = r.world.nodes.filter((n) => n.role === 'leader');
          if (leaders.length !== 1) throw new Error(reproduce(spec, `liveness: ${leaders.length} leaders after the faults stopped`));
          for (const n of r.world.nodes) {
            for (const f of r.fresh) {
              if (!n.appliedIds.includes(entryId(f)!)) throw new Error(reproduce(spec, `liveness: ${n.id} never applied ${f}`));
            }
            // Every request ever made (retried by its client once the faults stopped) applied exactly once.
            const ids = [...n.appliedIds].map(Number).sort((a, b) => a - b);
            if (ids.length !== r.requests || ids.some((id, i) => id !== i + 1)) {
              throw new Error(reproduce(spec, `liveness: ${n.id} applied requests [${ids.join(', ')}], expected 1…${r.requests} once each`));
            }
            if (JSON.stringify(n.items) !== JSON.stringify(r.world.nodes[0]!.items)) throw new Error(reproduce(spec, `${n.id}'s state differs from A's`));
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('a failing seed\'s scenario file replays the identical run', () => {
    const spec: MultiSwarmSpec = { seed: 77, nodes: 5, steps: 300 };
    const commands: MultiCommand[] = [];
    const lines: string[] = [];
    const r = runMultiSwarm(spec, (events, cmd) => {
      commands.push(cmd);
      lines.push(...events.map((e) => JSON.stringify(e)));
    });
    const replay = runMultiScenario(multiScenarioFromCommands(r.initial.config, commands));
    expect(replay.error).toBeNull();
    expect(replay.commands).toEqual(commands);
    expect(replay.events.map((e) => JSON.stringify(e))).toEqual(lines);
    expect(replay.world).toEqual(r.world);
  });
});
