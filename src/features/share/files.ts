// Scenario files in and out of the browser: a download made from text, and a size-checked read.

/** Largest file Import reads (a scenario of 10 000 steps is well under it). */
export const MAX_FILE_BYTES = 1024 * 1024;
export const EXPORT_FILE_NAME = 'paxoscope-scenario.json';

/** Offer `text` as a file download (an object URL clicked through a temporary <a download>). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** A file name for a message: plain text, shortened. */
export function shortName(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim() || 'the file';
  return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
}

export type ReadResult = { ok: true; text: string } | { ok: false; error: string };

/** Read a picked file as text, refusing anything over MAX_FILE_BYTES before reading it. */
export async function readScenarioFile(file: Blob & { readonly name?: string }): Promise<ReadResult> {
  const name = `“${shortName(file.name ?? '')}”`;
  if (file.size > MAX_FILE_BYTES) {
    const mb = (file.size / (1024 * 1024)).toFixed(1);
    return { ok: false, error: `${name} is too large to be a Paxoscope scenario (${mb} MB; a scenario file is at most 1 MB).` };
  }
  try {
    return { ok: true, text: await file.text() };
  } catch {
    return { ok: false, error: `${name} could not be read.` };
  }
}
