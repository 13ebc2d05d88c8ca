// node scripts/bundled.mjs FILE.ts [args…]
// Runs a TypeScript script the way the browser runs the core: bundled and minified-free by esbuild,
// without tsx's keepNames wrappers (which cost ~20% in hot closures). Used by `npm run bench`.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/bundled.mjs FILE.ts [args…]');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'paxoscope-'));
const outfile = join(dir, 'main.mjs');
try {
  await build({ entryPoints: [resolve(entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'error' });
  process.argv = [process.argv[0], outfile, ...rest];
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
