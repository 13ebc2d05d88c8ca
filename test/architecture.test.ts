import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The architecture's one non-negotiable rule — the core is pure and deterministic — is enforced by
// ESLint (eslint.config.js). This proves the rules fire, so nobody weakens them by accident.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleHits(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('architecture lint rules', () => {
  it('forbid src/core from importing outside itself', async () => {
    expect(await ruleHits("import React from 'react';\nexport default React;\n", 'src/core/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleHits("import { x } from '../scenario/schema';\nexport default x;\n", 'src/core/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleHits("import { majority } from './quorum';\nexport default majority;\n", 'src/core/probe.ts')).toEqual([]);
  }, 30_000);

  it('forbid nondeterminism and the DOM in src/core', async () => {
    for (const code of ['Math.random()', 'Date.now()', 'new Date()', 'performance.now()', 'document.title', 'window.x', 'setTimeout(() => 0, 1)']) {
      const hits = await ruleHits(`export const v = ${code};\n`, 'src/core/probe.ts');
      expect(hits.length, code).toBeGreaterThan(0);
    }
  }, 30_000);

  it('forbid a feature from importing another feature', async () => {
    expect(await ruleHits("import { Legend } from '../graph';\nexport default Legend;\n", 'src/features/log/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleHits("import { x } from '../graph/layout';\nexport default x;\n", 'src/features/spacetime/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleHits("import { useSim } from '../../store/react';\nimport { y } from './model';\nexport default [useSim, y];\n", 'src/features/log/probe.ts')).toEqual([]);
  }, 30_000);

  it('allow the same code outside the core', async () => {
    expect(await ruleHits('export const v = Math.random() + Date.now();\n', 'src/features/probe.ts')).toEqual([]);
  }, 30_000);
});
