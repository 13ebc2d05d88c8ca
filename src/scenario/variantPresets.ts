import type { VariantName } from '../core/variants';
import type { Scenario } from './schema';
import acceptKeepsPromise from './presets/variants/accept-keeps-promise.json';
import amnesia from './presets/variants/amnesia.json';
import ignoreAccepted from './presets/variants/ignore-accepted.json';
import learnerMixesBallots from './presets/variants/learner-mixes-ballots.json';
import noTiebreak from './presets/variants/no-tiebreak.json';
import readIgnoresBallots from './presets/variants/read-ignores-ballots.json';
import smallQuorum from './presets/variants/small-quorum.json';

// The "Break Paxos" preset scenarios (issue 6), one per variant: each leads to a safety violation
// with its broken rule on. The files are copies of the golden scenarios in test/scenarios/variants
// (a test checks that they are identical, so the golden traces cover what the app opens). Plain
// data: the UI validates them like any other scenario.

export const VARIANT_PRESETS: Readonly<Record<VariantName, unknown>> = {
  amnesia,
  'ignore-accepted': ignoreAccepted,
  'no-tiebreak': noTiebreak,
  'accept-keeps-promise': acceptKeepsPromise,
  'learner-mixes-ballots': learnerMixesBallots,
  'read-ignores-ballots': readIgnoresBallots,
  'small-quorum': smallQuorum,
};

/** runScenario (passed in, so that the UI can load it lazily with the rest of the scenario codec). */
type RunScenario = (s: Scenario) => { readonly error: { readonly step: number } | null };

/**
 * The preset without its variant. Under the correct rules a step may act on a message that only
 * the broken rule sends (an `accepted` a correct acceptor answers with a nack instead): the run
 * then stops before that step, as the golden tests do.
 */
export function withCorrectRules(broken: Scenario, run: RunScenario): { scenario: Scenario; stoppedAt: number | null } {
  const { variants: _off, ...rest } = broken;
  const scenario: Scenario = { ...rest, title: `${broken.title ?? 'Scenario'} (correct rules)` };
  const error = run(scenario).error;
  if (!error) return { scenario, stoppedAt: null };
  return { scenario: { ...scenario, steps: scenario.steps.slice(0, error.step) }, stoppedAt: error.step };
}
