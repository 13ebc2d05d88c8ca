import type { LessonEntry } from './catalog';
import type { Lesson } from './model';

// A URL per lesson step: `?lesson=N&step=K`, both 1-based; a lesson's last step is its challenge
// (K = number of narrated steps + 1). A missing step means step 1.

export type LessonRequest =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly lesson: number; /** 0-based; lesson.steps.length is the challenge */ readonly step: number }
  | { readonly kind: 'error'; readonly text: string };

/** Steps a student can be shown in a lesson: the narrated ones plus the challenge. */
export const stepCount = (lesson: Lesson): number => lesson.steps.length + 1;

const shown = (raw: string) => (raw.length > 20 ? `${raw.slice(0, 20)}…` : raw);

export function parseLessonParams(search: string, lessons: readonly LessonEntry[]): LessonRequest {
  const params = new URLSearchParams(search);
  const rawLesson = params.get('lesson');
  const rawStep = params.get('step');
  if (rawLesson === null) return { kind: 'none' };
  const range = `lessons are 1–${lessons.length}`;
  if (!/^\d{1,3}$/.test(rawLesson.trim())) return { kind: 'error', text: `There is no lesson “${shown(rawLesson)}”; ${range}.` };
  const n = Number(rawLesson.trim());
  const lesson = lessons[n - 1];
  if (!lesson) return { kind: 'error', text: `There is no lesson ${n}; ${range}.` };
  if (rawStep === null) return { kind: 'ok', lesson: n, step: 0 };
  const count = lesson.stepCount;
  const k = /^\d{1,4}$/.test(rawStep.trim()) ? Number(rawStep.trim()) : NaN;
  if (!(k >= 1 && k <= count)) {
    return { kind: 'error', text: `Lesson ${n} has no step “${shown(rawStep)}”; its steps are 1–${count}.` };
  }
  return { kind: 'ok', lesson: n, step: k - 1 };
}

/** `search` with the lesson and step set (step 0-based), or both removed (null); other parameters kept. */
export function lessonSearch(search: string, open: { lesson: number; step: number } | null): string {
  const params = new URLSearchParams(search);
  params.delete('lesson');
  params.delete('step');
  if (open) {
    params.set('lesson', String(open.lesson));
    params.set('step', String(open.step + 1));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
