import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

// Whether the keyboard-shortcut help is open. Local to the controls feature: the '?' key, the
// toolbar's "Shortcuts" button and <ShortcutHelp /> share it without the app shell wiring state.

const helpStore = createStore<{ open: boolean }>()(() => ({ open: false }));

export function openShortcutHelp(): void {
  helpStore.setState({ open: true });
}

export function closeShortcutHelp(): void {
  helpStore.setState({ open: false });
}

export function useShortcutHelpOpen(): boolean {
  return useStore(helpStore, (s) => s.open);
}
