import type { SimState } from '../store/simStore';
import type { ChallengeView } from './model';

// What a challenge's check sees of the run on screen: the world in view and the events up to it
// (the store keeps the last LOG_LIMIT of them, far more than a challenge run has).

export function challengeViewOf(s: SimState): ChallengeView | null {
  const f = s.frame;
  if (!f) return null;
  if (f.protocol === 'multi') {
    return { world: null, multi: f.multi, events: [], multiEvents: s.multiLog.map((e) => e.event) };
  }
  return { world: f.world, multi: null, events: s.log.map((e) => e.event), multiEvents: [] };
}
