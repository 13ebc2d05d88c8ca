import type { Lesson } from '../model';

// STUB — to be written (lesson 6). Keeps the lesson list compiling while the content is written.

export const lesson6: Lesson = {
  number: 6,
  id: 'lesson-6',
  title: 'Lesson 6 (to be written)',
  summary: 'To be written.',
  scenario: { version: 1, protocol: 'basic', nodes: 3, seed: 1, title: 'Lesson 6', network: { mode: 'manual' }, steps: [] },
  steps: [{ title: 'To be written', text: ['To be written.'], at: 0 }],
  challenge: {
    task: 'To be written.',
    text: ['To be written.'],
    hint: 'To be written.',
    setup: { version: 1, protocol: 'basic', nodes: 3, seed: 1, title: 'Lesson 6 challenge', network: { mode: 'manual' }, steps: [] },
    check: () => ({ done: false, missing: 'to be written' }),
    success: 'To be written.',
    solution: [],
  },
};
