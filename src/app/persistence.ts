import { loadScenarioCodec } from '../scenario/lazy';
import { MAX_LINK_POSITION } from '../scenario/limits';
import type { RunSnapshot } from '../features/share';

// The user's work, kept in this browser (localStorage) so that a reload, a closed tab or a link
// opened over it does not lose it. What is stored is untrusted when read back (another version of
// Paxoscope, an extension, a hand edit): it is size-checked, parsed in a try and validated like a
// scenario file. Storage may be missing or refuse writes (private mode, quota): every access is
// wrapped, and failing to save is never an error the user sees.

export const WORK_KEY = 'paxoscope:work';
/** Format of the stored record (not the scenario version, which the scenario carries). */
const RECORD_VERSION = 1;
/** Largest record saved or read (characters); a 10 000-step scenario is a few hundred KB. */
export const MAX_SAVED_CHARS = 2_000_000;

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** window.localStorage, or null where even reaching it throws (sandboxed frames, some private modes). */
export function browserStorage(): StorageLike | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

/** Save the run; false when storage is missing, full or the run is too large. */
export function saveWork(storage: StorageLike | null, snap: RunSnapshot): boolean {
  if (!storage) return false;
  try {
    const text = JSON.stringify({ paxoscope: RECORD_VERSION, position: snap.position, scenario: snap.scenario });
    if (text.length > MAX_SAVED_CHARS) return false;
    storage.setItem(WORK_KEY, text);
    return true;
  } catch {
    return false;
  }
}

export type SavedWork = { ok: true; snap: RunSnapshot } | { ok: false; error: string };

/**
 * The saved run: null when there is none (or storage is unavailable), an error when it is unreadable.
 * Async because the validator is loaded on demand.
 */
export async function loadWork(storage: StorageLike | null): Promise<SavedWork | null> {
  if (!storage) return null;
  let text: string | null;
  try {
    text = storage.getItem(WORK_KEY);
  } catch {
    return null;
  }
  if (text === null) return null;
  if (typeof text !== 'string' || text.length > MAX_SAVED_CHARS) return { ok: false, error: 'it is too large' };
  let record: unknown;
  try {
    record = JSON.parse(text); // a deeply nested value makes this throw (RangeError), not crash
  } catch {
    return { ok: false, error: 'it is damaged' };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return { ok: false, error: 'it is damaged' };
  const r = record as { paxoscope?: unknown; position?: unknown; scenario?: unknown };
  if (r.paxoscope !== RECORD_VERSION) return { ok: false, error: 'it was saved by another version of Paxoscope' };
  const { validateScenario } = await loadScenarioCodec();
  const checked = validateScenario(r.scenario);
  if (!checked.ok) return { ok: false, error: `it is not a valid scenario (${checked.error.slice(0, 200)})` };
  const position = typeof r.position === 'number' && Number.isSafeInteger(r.position) && r.position >= 0 && r.position <= MAX_LINK_POSITION
    ? r.position : null;
  return { ok: true, snap: { scenario: checked.scenario, position } };
}

export function forgetWork(storage: StorageLike | null): void {
  try {
    storage?.removeItem(WORK_KEY);
  } catch {
    // nothing to do: storage is unavailable
  }
}
