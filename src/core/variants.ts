// "Break Paxos": deliberately broken rules, each off by default, for teaching. A scenario (and so a
// share link) turns them on with `"variants": [ … ]`; the config carries them as
// `SimConfig.variants`. Each variant is one small, commented branch at the rule it breaks (search
// for `broken.` in acceptor.ts, proposer.ts, reader.ts and sim.ts). The safety monitor
// (invariants.ts) never looks at them: it is the omniscient observer and keeps judging with the real
// ballots and the real majority, which is how it catches what goes wrong.

export type VariantName =
  | 'amnesia'
  | 'ignore-accepted'
  | 'no-tiebreak'
  | 'accept-keeps-promise'
  | 'learner-mixes-ballots'
  | 'read-ignores-ballots'
  | 'small-quorum';

export interface VariantInfo {
  readonly name: VariantName;
  /** A short title for menus: the broken rule, in words. */
  readonly title: string;
  /** One paragraph, plain words: why the rule exists and what goes wrong without it. */
  readonly explanation: string;
}

export const VARIANTS: readonly VariantInfo[] = [
  {
    name: 'amnesia',
    title: 'An acceptor forgets its promise on restart',
    explanation:
      'A correct acceptor writes its promise and its accepted proposal to disk before it answers, so a crash cannot make it ' +
      'take back a promise. With this variant a restarted acceptor comes back with nothing promised and nothing accepted. ' +
      'Its old promise may have been part of the majority that let a newer proposer go ahead, and its old vote may have been ' +
      'part of the majority that chose a value; after the restart it happily accepts an older ballot it promised to refuse, ' +
      'or tells a new proposer it has accepted nothing, so the new proposer picks its own value and a second value gets chosen.',
  },
  {
    name: 'ignore-accepted',
    title: 'The proposer ignores accepted values in promises',
    explanation:
      'After a majority of promises, a correct proposer must propose the value of the highest-ballot proposal reported in them: ' +
      'any value that may already be chosen was accepted by a majority, and every majority overlaps the one that promised, ' +
      'so at least one promise reports it. With this variant the proposer always proposes its own client value. A value that ' +
      'is already chosen gets overwritten by a newer ballot, and two different values end up chosen.',
  },
  {
    name: 'no-tiebreak',
    title: 'Ballots without the node-id tie-break',
    explanation:
      'A ballot is a round and a node name, compared by round and then by name, so two proposers never hold equal ballots. ' +
      'With this variant acceptors and proposers compare ballots by round only: 1.A and 1.B look the same. An acceptor that ' +
      'promised round 1 to B also promises and accepts round 1 from A (it cannot tell them apart), so two proposers in the same ' +
      'round both collect a majority of promises and both get their own value accepted by a majority.',
  },
  {
    name: 'accept-keeps-promise',
    title: 'Accepting does not raise the promise',
    explanation:
      'When a correct acceptor accepts a proposal at ballot b it also promises b, so it will never accept a lower ballot afterwards. ' +
      'With this variant its promise stays where it was: having accepted ballot 1.B it may still accept the older ballot 1.A ' +
      'and overwrite its vote. A later proposer then hears about the older value only, adopts it, and gets it chosen even ' +
      'though a different value was already chosen at 1.B.',
  },
  {
    name: 'learner-mixes-ballots',
    title: 'The learner counts accepts across different ballots',
    explanation:
      'A value is chosen only when a majority accepted it at the same ballot: the overlap argument that keeps Paxos safe is about ' +
      'one ballot\'s majority. With this variant the proposer, which is the learner for its ballots, also counts "accepted" ' +
      'replies for the same value from its earlier ballots. It can add up one vote from one ballot and one from another, learn ' +
      'a value that no ballot ever had a majority for, and tell everyone — while the cluster goes on to choose a different value.',
  },
  {
    name: 'read-ignores-ballots',
    title: 'A read counts matching values regardless of ballot',
    explanation:
      'A correct read returns a value only when a majority report the same accepted proposal, with the same ballot: then that ' +
      'value is chosen. With this variant a read succeeds when a majority report the same value, whatever their ballots. ' +
      'Votes for one value at two different ballots do not make it chosen, so the read can return a value that is never chosen, ' +
      'and a later ballot can still choose something else.',
  },
  {
    name: 'small-quorum',
    title: 'A quorum of ⌊N/2⌋ instead of a majority',
    explanation:
      'Paxos needs every two quorums to share at least one node: that shared node is what tells a new proposer about an old ' +
      'vote, or refuses an old ballot after a new promise. Majorities (more than half) always overlap. With this variant ' +
      'proposers, learners and reads are satisfied with ⌊N/2⌋ nodes — 2 of 5, 2 of 4, 1 of 3 — and two such groups can be ' +
      'disjoint, so two proposers each finish with their own value. The safety monitor still counts real majorities.',
  },
];

export const VARIANT_NAMES: readonly VariantName[] = VARIANTS.map((v) => v.name);

export function isVariantName(name: string): name is VariantName {
  return (VARIANT_NAMES as readonly string[]).includes(name);
}

export function variantInfo(name: VariantName): VariantInfo {
  return VARIANTS.find((v) => v.name === name)!;
}

/** The variants as precomputed booleans, so the handlers' hot paths test one field. */
export interface BrokenRules {
  readonly amnesia: boolean;
  readonly ignoreAccepted: boolean;
  readonly noTiebreak: boolean;
  readonly acceptKeepsPromise: boolean;
  readonly learnerMixesBallots: boolean;
  readonly readIgnoresBallots: boolean;
  readonly smallQuorum: boolean;
}

const CACHE = new WeakMap<readonly VariantName[], BrokenRules>();

/**
 * The broken rules a config asks for, or null when none (the common case: handlers then test
 * `ctx.broken` only, and nothing is allocated). Cached per variants array, so a world's config
 * makes its flags once.
 */
export function brokenRules(variants: readonly VariantName[] | undefined): BrokenRules | null {
  if (variants === undefined || variants.length === 0) return null;
  let flags = CACHE.get(variants);
  if (!flags) {
    const on = new Set<VariantName>(variants);
    flags = {
      amnesia: on.has('amnesia'),
      ignoreAccepted: on.has('ignore-accepted'),
      noTiebreak: on.has('no-tiebreak'),
      acceptKeepsPromise: on.has('accept-keeps-promise'),
      learnerMixesBallots: on.has('learner-mixes-ballots'),
      readIgnoresBallots: on.has('read-ignores-ballots'),
      smallQuorum: on.has('small-quorum'),
    };
    CACHE.set(variants, flags);
  }
  return flags;
}
