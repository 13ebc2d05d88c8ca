// Which lessons' challenges this browser has solved: localStorage `paxoscope:lessons`, as
// `{ "solved": [1, 3] }`. What is read back is untrusted (another version, an extension, a hand
// edit): anything but a small list of lesson numbers is ignored, and storage that is missing or
// refuses writes only means nothing is remembered.

export const LESSONS_KEY = 'paxoscope:lessons';
const MAX_CHARS = 10_000;

export interface ProgressStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function browserProgressStorage(): ProgressStorage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

/** The solved lesson numbers (1…count), sorted; empty when nothing (readable) is stored. */
export function loadSolved(storage: ProgressStorage | null, count: number): number[] {
  let text: string | null;
  try {
    text = storage?.getItem(LESSONS_KEY) ?? null;
  } catch {
    return [];
  }
  if (typeof text !== 'string' || text.length > MAX_CHARS) return [];
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return [];
  }
  const solved = typeof record === 'object' && record !== null ? (record as { solved?: unknown }).solved : undefined;
  if (!Array.isArray(solved)) return [];
  const ok = solved.filter((n): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= count);
  return [...new Set(ok)].sort((a, b) => a - b);
}

/** Remember that lesson `n`'s challenge is solved; returns the new list. */
export function saveSolved(storage: ProgressStorage | null, count: number, n: number): number[] {
  const solved = [...new Set([...loadSolved(storage, count), n])].sort((a, b) => a - b);
  try {
    storage?.setItem(LESSONS_KEY, JSON.stringify({ solved }));
  } catch {
    // storage full or refused: solved for this session only
  }
  return solved;
}
