import type { Lesson } from './model';

// The lessons' content is its own chunk: loaded when a lesson opens (or the menu is hovered), so
// a student who never opens one does not download it.

let loaded: readonly Lesson[] | null = null;
let loading: Promise<readonly Lesson[]> | null = null;

export function loadLessons(): Promise<readonly Lesson[]> {
  loading ??= import('./content').then((m) => (loaded = m.LESSONS));
  return loading;
}

/** Lesson `n` once loadLessons() has resolved (null before, or for no such lesson). */
export function loadedLesson(n: number): Lesson | null {
  return loaded?.[n - 1] ?? null;
}
