// Controls: the run toolbar, the client panel, keyboard shortcuts and their help.
export { Toolbar, parseSeed, MAX_SEED } from './Toolbar';
export { ClientPanel, READ_FAIL_TEXT, MAX_VALUE_LENGTH } from './ClientPanel';
export { ShortcutHelp, type ShortcutHelpProps } from './ShortcutHelp';
export { useKeyboardShortcuts, type KeyboardShortcutOptions } from './useKeyboardShortcuts';
export { usePauseWhenHidden } from './usePauseWhenHidden';
export { openShortcutHelp, closeShortcutHelp } from './helpState';
export { Timeline } from './Timeline';
