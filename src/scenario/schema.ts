import { z } from 'zod';
import { MESSAGE_TYPES, MULTI_MESSAGE_TYPES, nodeIds, VARIANT_NAMES, type NodeId, type VariantName } from '../core';

// The scenario format: config + seed + steps. A contract shared by golden tests, instructors' files,
// `npm run scenario` and share links, so it is validated as untrusted input with messages that
// name the step and the field. Documented in docs/scenario-format.md.

import { MAX_STEPS, MAX_VALUE_LENGTH, SCENARIO_VERSION } from './config';

export { MAX_STEPS, MAX_VALUE_LENGTH, SCENARIO_VERSION, scenarioConfig } from './config';
const MAX_TICKS = 10_000_000;

const nodeName = z.string().regex(/^[A-I]$/, 'must be a node name A–I');
const ticks = z.number().int().min(1).max(MAX_TICKS);
const value = z.string().min(1, 'must not be empty').max(MAX_VALUE_LENGTH, `must be at most ${MAX_VALUE_LENGTH} characters`);

/** Message types of either protocol (each protocol's steps are checked against its own, see PROTOCOL_RULES). */
const ANY_MESSAGE_TYPE = [...new Set<string>([...MESSAGE_TYPES, ...MULTI_MESSAGE_TYPES])] as [string, ...string[]];

const matcher = z.strictObject({
  id: z.number().int().min(1).optional(),
  type: z.enum(ANY_MESSAGE_TYPE).optional(),
  /** Multi-Paxos: the slot an accept/accepted is for. */
  slot: z.number().int().min(1).max(1_000_000).optional(),
  from: nodeName.optional(),
  to: nodeName.optional(),
  ballot: z.string().regex(/^\d{1,9}\.[A-I]$/, 'must be a ballot like "2.A"').optional(),
});

/** Each step is an object with exactly one of these keys. */
const STEP_SCHEMAS = {
  write: z.strictObject({ node: nodeName, value }),
  read: z.strictObject({ node: nodeName }),
  run: z.union([
    z.strictObject({ ticks }),
    z.strictObject({ to: z.number().int().min(0).max(MAX_TICKS) }),
    z.strictObject({ until: z.literal('quiet'), maxSteps: z.number().int().min(1).max(1_000_000).optional() }),
  ], { error: 'must be { "ticks": N }, { "to": T } or { "until": "quiet" }' }),
  next: z.strictObject({}),
  crash: nodeName,
  restart: nodeName,
  partition: z.array(z.array(nodeName).min(1)).min(1).max(9),
  heal: z.strictObject({}),
  deliver: matcher,
  drop: matcher,
  duplicate: matcher,
  delay: matcher.extend({ ticks }),
  timeout: z.union([nodeName, z.strictObject({ node: nodeName, kind: z.enum(['retry', 'read-timeout', 'election', 'heartbeat']) })],
    { error: 'must be a node name like "A" or { "node": "A", "kind": "retry" | "read-timeout" | "election" | "heartbeat" }' }),
  /** Multi-Paxos: a client asks `node` to run `command`; `id` repeats an earlier request (a retry). */
  request: z.strictObject({ node: nodeName, command: value, id: z.number().int().min(1).max(1_000_000).optional() }),
} as const;

/** What each protocol accepts beyond the common steps, with the message a wrong one gets. */
const PROTOCOL_RULES = {
  basic: {
    steps: new Set<string>(['request']),
    stepHint: 'is a Multi-Paxos step ("protocol": "multi"); basic Paxos has write and read',
    types: new Set<string>(MESSAGE_TYPES),
    kinds: new Set<string>(['retry', 'read-timeout']),
  },
  multi: {
    steps: new Set<string>(['write', 'read']),
    stepHint: 'is a basic Paxos step; in Multi-Paxos a client sends { "request": { "node": "A", "command": "…" } }',
    types: new Set<string>(MULTI_MESSAGE_TYPES),
    kinds: new Set<string>(['election', 'heartbeat']),
  },
} as const;

export type StepKind = keyof typeof STEP_SCHEMAS;
export const STEP_KINDS = Object.keys(STEP_SCHEMAS) as StepKind[];
export type Step = { [K in StepKind]: { [P in K]: z.infer<(typeof STEP_SCHEMAS)[K]> } }[StepKind];

const header = z.strictObject({
  version: z.number().int(),
  protocol: z.enum(['basic', 'multi'], { error: 'must be "basic" or "multi"' }),
  nodes: z.number().int().min(3, 'must be 3 to 9').max(9, 'must be 3 to 9'),
  seed: z.number().int().min(0).max(0xffffffff),
  title: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  network: z.strictObject({
    mode: z.enum(['auto', 'manual']).optional(),
    latencyTicksMin: z.number().int().min(1).max(10_000).optional(),
    latencyTicksMax: z.number().int().min(1).max(10_000).optional(),
  }).optional(),
  timing: z.strictObject({
    retryTicksMin: z.number().int().min(1).max(100_000).optional(),
    retryTicksMax: z.number().int().min(1).max(100_000).optional(),
    backoffTicksMax: z.number().int().min(1).max(100_000).optional(),
    readTimeoutTicks: z.number().int().min(1).max(100_000).optional(),
  }).optional(),
  /** "Break Paxos": deliberately broken rules (src/core/variants.ts), basic Paxos only; no duplicates. */
  variants: z.array(
    z.enum(VARIANT_NAMES as [VariantName, ...VariantName[]], {
      error: (issue) => `unknown variant ${JSON.stringify(typeof issue.input === 'string' ? issue.input.slice(0, 40) : issue.input)}; the variants are ${VARIANT_NAMES.join(', ')}`,
    }),
  ).max(VARIANT_NAMES.length, `must list at most ${VARIANT_NAMES.length} variants`).optional(),
  /** Multi-Paxos only: how often the leader sends heartbeats, and how many slots it may have open at once. */
  multi: z.strictObject({
    heartbeatTicks: z.number().int().min(1).max(100_000).optional(),
    pipelineWindow: z.number().int().min(1).max(100).optional(),
  }).optional(),
  steps: z.array(z.unknown()).max(MAX_STEPS, `must have at most ${MAX_STEPS} steps`),
});

export type ScenarioHeader = z.infer<typeof header>;
export interface Scenario extends Omit<ScenarioHeader, 'steps'> {
  readonly steps: readonly Step[];
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

function describeIssues(err: z.ZodError, prefix: string): string {
  return err.issues.map((i) => {
    const path = [prefix, ...i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('').replace(/^\./, '');
    return `${path || 'scenario'}: ${i.message}`;
  }).join('; ');
}

/** Validate an already-parsed JSON value. Never throws. */
export function validateScenario(input: unknown): ParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: 'a scenario must be a JSON object with "version", "protocol", "nodes", "seed" and "steps"' };
  }
  const version = (input as { version?: unknown }).version;
  if (typeof version === 'number' && version > SCENARIO_VERSION) {
    return { ok: false, error: `version ${version} was made by a newer Paxoscope; this one reads version ${SCENARIO_VERSION}` };
  }
  const head = header.safeParse(input);
  if (!head.success) return { ok: false, error: describeIssues(head.error, '') };
  if (head.data.version !== SCENARIO_VERSION) {
    return { ok: false, error: `version must be ${SCENARIO_VERSION}, got ${head.data.version}` };
  }
  const net = head.data.network;
  if (net?.latencyTicksMin !== undefined && net.latencyTicksMax !== undefined && net.latencyTicksMin > net.latencyTicksMax) {
    return { ok: false, error: 'network: latencyTicksMin must not exceed latencyTicksMax' };
  }
  const t = head.data.timing;
  if (t?.retryTicksMin !== undefined && t.retryTicksMax !== undefined && t.retryTicksMin > t.retryTicksMax) {
    return { ok: false, error: 'timing: retryTicksMin must not exceed retryTicksMax' };
  }

  const variants = head.data.variants;
  if (variants !== undefined) {
    const twice = variants.find((v, i) => variants.indexOf(v) !== i);
    if (twice !== undefined) return { ok: false, error: `variants: "${twice}" is listed twice` };
    if (head.data.protocol !== 'basic' && variants.length > 0) {
      return { ok: false, error: 'variants: only a basic Paxos scenario ("protocol": "basic") has Break Paxos variants' };
    }
  }

  if (head.data.multi !== undefined && head.data.protocol !== 'multi') {
    return { ok: false, error: 'multi: only a Multi-Paxos scenario ("protocol": "multi") has these settings' };
  }

  const known = new Set<NodeId>(nodeIds(head.data.nodes));
  const rules = PROTOCOL_RULES[head.data.protocol];
  const steps: Step[] = [];
  for (const [index, raw] of head.data.steps.entries()) {
    const checked = validateStep(raw, index, known);
    if (typeof checked === 'string') return { ok: false, error: checked };
    const wrong = protocolProblem(checked, rules);
    if (wrong) return { ok: false, error: `step ${index} (${Object.keys(checked)[0]}): ${wrong}` };
    steps.push(checked);
  }
  return { ok: true, scenario: { ...head.data, steps } };
}

function validateStep(raw: unknown, index: number, known: ReadonlySet<NodeId>): Step | string {
  const at = `step ${index}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return `${at}: must be an object such as { "write": { "node": "A", "value": "X" } }`;
  const keys = Object.keys(raw);
  if (keys.length !== 1) return `${at}: must have exactly one key (one of ${STEP_KINDS.join(', ')}), got ${keys.length === 0 ? 'none' : keys.map((k) => JSON.stringify(k)).join(', ')}`;
  const kind = keys[0]!;
  if (!(STEP_KINDS as string[]).includes(kind)) return `${at}: unknown step ${JSON.stringify(kind.slice(0, 40))}; expected one of ${STEP_KINDS.join(', ')}`;
  const parsed = STEP_SCHEMAS[kind as StepKind].safeParse((raw as Record<string, unknown>)[kind]);
  if (!parsed.success) return `${at} (${kind}): ${describeIssues(parsed.error, '')}`.replace(': scenario:', ':');
  for (const ref of mentionedNodes(kind as StepKind, parsed.data)) {
    if (!known.has(ref)) return `${at} (${kind}): there is no node ${ref} in a cluster of ${known.size}`;
  }
  return { [kind]: parsed.data } as Step;
}

/** A step valid in the format but not in this scenario's protocol: why, in words; null when fine. */
function protocolProblem(st: Step, rules: (typeof PROTOCOL_RULES)[keyof typeof PROTOCOL_RULES]): string | null {
  const kind = Object.keys(st)[0]!;
  if (rules.steps.has(kind)) return `${kind} ${rules.stepHint}`;
  const data = (st as Record<string, unknown>)[kind];
  if (kind === 'timeout' && typeof data === 'object' && data !== null && !rules.kinds.has((data as { kind: string }).kind)) {
    return `kind must be ${[...rules.kinds].map((k) => `"${k}"`).join(' or ')} in this protocol`;
  }
  if (['deliver', 'drop', 'duplicate', 'delay'].includes(kind)) {
    const m = data as { type?: string; slot?: number };
    if (m.type !== undefined && !rules.types.has(m.type)) return `type must be one of ${[...rules.types].join(', ')} in this protocol`;
    if (m.slot !== undefined && rules === PROTOCOL_RULES.basic) return 'slot is for Multi-Paxos messages';
  }
  return null;
}

function mentionedNodes(kind: StepKind, data: unknown): NodeId[] {
  if (typeof data === 'string') return [data];
  if (kind === 'partition') return (data as NodeId[][]).flat();
  const o = data as Record<string, unknown>;
  return ['node', 'from', 'to'].map((k) => o[k]).filter((v): v is NodeId => typeof v === 'string');
}

/** Parse scenario JSON text. Never throws. */
export function parseScenario(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not valid JSON (${(e as Error).message})` };
  }
  return validateScenario(json);
}
