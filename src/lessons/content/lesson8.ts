import type { Lesson } from '../model';

// STUB — to be written (lesson 8). Keeps the lesson list compiling while the content is written.

export const lesson8: Lesson = {
  number: 8,
  id: 'lesson-8',
  title: 'Lesson 8 (to be written)',
  summary: 'To be written.',
  scenario: { version: 1, protocol: 'multi', nodes: 3, seed: 1, title: 'Lesson 8', network: { mode: 'manual' }, steps: [] },
  steps: [{ title: 'To be written', text: ['To be written.'], at: 0 }],
  challenge: {
    task: 'To be written.',
    text: ['To be written.'],
    hint: 'To be written.',
    setup: { version: 1, protocol: 'multi', nodes: 3, seed: 1, title: 'Lesson 8 challenge', network: { mode: 'manual' }, steps: [] },
    check: () => ({ done: false, missing: 'to be written' }),
    success: 'To be written.',
    solution: [],
  },
};
