import LZString from 'lz-string';
import { LINK_ERRORS, MAX_LINK_LENGTH, MAX_LINK_POSITION } from './limits';
import { validateScenario, type Scenario } from './schema';

// Share links: a scenario (and optionally a position in its run) packed into the URL hash,
//
//   #s=1.<lz-string compressToEncodedURIComponent of the scenario JSON>&t=<position>
//
// `1` is the *link* version. Every link version maps to a migration that turns its payload into
// the next version's payload, so old links keep opening after the format changes. A link is
// untrusted input: decodeLink never throws, checks sizes and nesting before parsing, validates with
// validateScenario, and answers with one plain sentence a user can act on. Documented in
// docs/scenario-format.md ("Share links").

/** The link version this build writes. */
export const LINK_VERSION = 1;
/** Longest decompressed scenario JSON (characters) decodeLink parses. */
export const MAX_LINK_JSON_LENGTH = 256 * 1024;
/** Deepest `[`/`{` nesting decodeLink parses; a valid scenario needs 4 (scenario, steps, step, partition, group: 5). */
export const MAX_LINK_JSON_DEPTH = 16;

export type LinkResult =
  | { ok: true; scenario: Scenario; position: number | null }
  | { ok: false; error: string };

export { LINK_ERRORS, MAX_LINK_LENGTH, MAX_LINK_POSITION } from './limits';

/** The JSON a v1 link carries: the scenario without `version` (implied by the link version) and without `protocol` when it is "basic". */
function payloadV1(s: Scenario): Record<string, unknown> {
  const { version: _version, protocol, ...rest } = s;
  return protocol === 'basic' ? rest : { protocol, ...rest };
}

/**
 * Migrations, indexed by link version: MIGRATIONS[v] turns a version-v payload into a version v+1
 * payload. Empty while only v1 exists; when v2 arrives, add `1: (p) => …` and bump LINK_VERSION.
 */
const MIGRATIONS: Readonly<Record<number, (payload: unknown) => unknown>> = {};

/** Turns a current-version (LINK_VERSION) payload into scenario JSON for validateScenario. */
function expandCurrent(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload;
  return { version: 1, protocol: 'basic', ...(payload as Record<string, unknown>) };
}

/** Runs a payload of link version `version` through the migration chain to scenario JSON. */
export function migrate(version: number, payload: unknown): unknown {
  let p = payload;
  for (let v = version; v < LINK_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no migration from link version ${v}`);
    p = step(p);
  }
  return expandCurrent(p);
}

/** The URL hash (starting with `#`) that opens `scenario`, optionally at `position` (a command index). */
export function encodeLink(scenario: Scenario, position?: number | null): string {
  const json = JSON.stringify(payloadV1(scenario));
  let hash = `#s=${LINK_VERSION}.${LZString.compressToEncodedURIComponent(json)}`;
  if (position !== undefined && position !== null) {
    if (!Number.isSafeInteger(position) || position < 0 || position > MAX_LINK_POSITION) {
      throw new RangeError(`position must be an integer from 0 to ${MAX_LINK_POSITION}, got ${position}`);
    }
    hash += `&t=${position}`;
  }
  return hash;
}

const PAYLOAD_CHARS = /^[A-Za-z0-9+\-$]*$/;

/** Deepest nesting of arrays/objects in JSON text (brackets inside strings do not count); stops early past `limit`. */
function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return max;
}

/**
 * Reads a share link: the URL hash (with or without `#`). Never throws; an error is one sentence
 * meant for the user. Unknown `key=value` parameters are ignored; a missing or malformed position
 * is ignored (the scenario still opens, at the start).
 */
export function decodeLink(hash: unknown): LinkResult {
  try {
    return decodeUnsafe(hash);
  } catch {
    // Defence in depth: every failure below is handled explicitly, but a link must never crash the app.
    return { ok: false, error: LINK_ERRORS.damaged };
  }
}

function decodeUnsafe(hash: unknown): LinkResult {
  if (typeof hash !== 'string') return { ok: false, error: LINK_ERRORS.noScenario };
  if (hash.length > MAX_LINK_LENGTH) return { ok: false, error: LINK_ERRORS.tooLarge };
  const params = (hash.startsWith('#') ? hash.slice(1) : hash).split('&');
  const sParams = params.filter((p) => p.startsWith('s='));
  if (sParams.length === 0) return { ok: false, error: LINK_ERRORS.noScenario };
  if (sParams.length > 1) return { ok: false, error: LINK_ERRORS.damaged };

  const m = /^(\d{1,9})\.(.*)$/s.exec(sParams[0]!.slice(2));
  if (!m) return { ok: false, error: LINK_ERRORS.damaged };
  const version = Number(m[1]);
  if (version > LINK_VERSION) return { ok: false, error: LINK_ERRORS.newer };
  if (version < 1 || m[1]!.startsWith('0')) return { ok: false, error: LINK_ERRORS.damaged };

  let data = m[2]!;
  if (data.includes('%')) {
    // Some apps percent-encode `+` and `$` when they pass a link on.
    try {
      data = decodeURIComponent(data);
    } catch {
      return { ok: false, error: LINK_ERRORS.damaged };
    }
  }
  data = data.replace(/ /g, '+'); // a `+` that was read as a form-encoded space
  if (data.length === 0 || !PAYLOAD_CHARS.test(data)) return { ok: false, error: LINK_ERRORS.damaged };

  const json = decompressCapped(data, MAX_LINK_JSON_LENGTH);
  if (json === TOO_LARGE) return { ok: false, error: LINK_ERRORS.tooLarge };
  if (json === null || json.length === 0) return { ok: false, error: LINK_ERRORS.damaged };
  if (jsonDepth(json, MAX_LINK_JSON_DEPTH) > MAX_LINK_JSON_DEPTH) return { ok: false, error: LINK_ERRORS.damaged };

  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return { ok: false, error: LINK_ERRORS.damaged };
  }
  // A damaged payload usually still decompresses, to garbage: anything but an object is damage.
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { ok: false, error: LINK_ERRORS.damaged };

  const checked = validateScenario(migrate(version, payload));
  if (!checked.ok) {
    const detail = checked.error.length > 300 ? `${checked.error.slice(0, 300)}…` : checked.error;
    return { ok: false, error: `${LINK_ERRORS.invalid}${detail}.` };
  }
  return { ok: true, scenario: checked.scenario, position: readPosition(params) };
}

/** What decompressCapped returns when the output would pass its cap. */
export const TOO_LARGE = Symbol('too large');
const URI_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const URI_VALUE = new Map([...URI_ALPHABET].map((ch, i) => [ch, i]));

/**
 * lz-string's decompressFromEncodedURIComponent, with a cap on the output. LZ-string output can
 * grow quadratically with its input (each code may name the entry added just before it, one
 * character longer than the last), so a 64 KB link could otherwise expand to hundreds of megabytes
 * before any size check. Returns null where lz-string returns null or "" (damaged input).
 */
export function decompressCapped(input: string, maxChars: number): string | null | typeof TOO_LARGE {
  const length = input.length;
  const RESET = 32; // 6 bits per character
  let val = URI_VALUE.get(input.charAt(0)) ?? 0;
  let position = RESET;
  let index = 1;
  const readBits = (n: number): number => {
    let bits = 0;
    for (let power = 1; power !== 1 << n; power <<= 1) {
      const resb = val & position;
      position >>= 1;
      if (position === 0) {
        position = RESET;
        val = URI_VALUE.get(input.charAt(index++)) ?? 0;
      }
      if (resb > 0) bits |= power;
    }
    return bits;
  };

  const dictionary: string[] = [];
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  let c: string;
  switch (readBits(2)) {
    case 0: c = String.fromCharCode(readBits(8)); break;
    case 1: c = String.fromCharCode(readBits(16)); break;
    case 2: return null;
    default: return null;
  }
  dictionary[3] = c;
  let w = c;
  const result: string[] = [c];
  let total = 1;
  for (;;) {
    if (index > length) return null;
    let code = readBits(numBits);
    if (code === 0 || code === 1) {
      dictionary[dictSize++] = String.fromCharCode(readBits(code === 0 ? 8 : 16));
      code = dictSize - 1;
      enlargeIn--;
    } else if (code === 2) {
      return result.join('');
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: string;
    if (code < dictSize && dictionary[code] !== undefined) entry = dictionary[code]!;
    else if (code === dictSize) entry = w + w.charAt(0);
    else return null;
    total += entry.length;
    if (total > maxChars) return TOO_LARGE;
    result.push(entry);
    dictionary[dictSize++] = w + entry.charAt(0);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}

function readPosition(params: readonly string[]): number | null {
  const t = params.filter((p) => p.startsWith('t='));
  if (t.length !== 1 || !/^\d{1,8}$/.test(t[0]!.slice(2))) return null;
  const n = Number(t[0]!.slice(2));
  return n <= MAX_LINK_POSITION ? n : null;
}
