import type { MessageType } from '../../core';

// Colours and strokes of the diagram, as literal values rather than CSS variables: the diagram is
// drawn with presentation attributes so that an exported SVG or PNG looks exactly like the screen
// without the app's stylesheet. The values are those of src/styles/theme.css (the graph's pills use
// the same Okabe–Ito palette through the variables); a test keeps the two in step.

export const MESSAGE_COLOR: Readonly<Record<MessageType, string>> = {
  prepare: '#0072b2',
  promise: '#56b4e9',
  accept: '#e69f00',
  accepted: '#009e73',
  nack: '#d55e00',
  decide: '#cc79a7',
  read: '#6e7781',
  'read-reply': '#8c959f',
};

/** theme.css variable of each message colour (for the test that keeps them in step). */
export const MESSAGE_COLOR_VAR: Readonly<Record<MessageType, string>> = {
  prepare: '--msg-prepare', promise: '--msg-promise', accept: '--msg-accept', accepted: '--msg-accepted',
  nack: '--msg-nack', decide: '--msg-decide', read: '--msg-read', 'read-reply': '--msg-read-reply',
};

export const THEME = {
  bg: '#ffffff',
  ink: '#1f2328',
  inkSoft: '#57606a',
  line: '#d0d7de',
  grid: '#eef1f4',
  accent: '#0969da',
  chosen: '#1a7f37',
  chosenBg: '#dafbe1',
  danger: '#cf222e',
  down: '#e5e7eb',
  partition: '#fff8c5',
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
} as const;

/** theme.css variables behind THEME (same test). */
export const THEME_VAR: Partial<Record<keyof typeof THEME, string>> = {
  ink: '--ink', inkSoft: '--ink-soft', line: '--line', accent: '--accent', chosen: '--chosen',
  chosenBg: '--chosen-bg', danger: '--danger', down: '--node-down',
};

/**
 * Not colour alone: requests (prepare, accept, read) are solid lines, replies (promise, accepted,
 * read-reply) dashed, a nack dotted, the decision a thicker solid line; long arrows also carry
 * their phase tag (1a/1b/2a/2b, ★, nack, R/r).
 */
export const MESSAGE_DASH: Readonly<Record<MessageType, string | undefined>> = {
  prepare: undefined, accept: undefined, read: undefined, decide: undefined,
  promise: '6 3', accepted: '6 3', 'read-reply': '6 3',
  nack: '1.5 3',
};

export const MESSAGE_WIDTH: Readonly<Record<MessageType, number>> = {
  prepare: 1.6, promise: 1.6, accept: 1.6, accepted: 1.6, nack: 1.8, decide: 2.4, read: 1.3, 'read-reply': 1.3,
};

/** Legend rows: what a student needs to read the diagram. */
export const LEGEND: readonly { readonly types: readonly MessageType[]; readonly text: string }[] = [
  { types: ['prepare', 'promise'], text: 'phase 1: prepare (1a) → promise (1b)' },
  { types: ['accept', 'accepted'], text: 'phase 2: accept (2a) → accepted (2b)' },
  { types: ['decide'], text: 'decide ★' },
  { types: ['nack'], text: 'nack (rejected)' },
  { types: ['read', 'read-reply'], text: 'read → reply' },
];
