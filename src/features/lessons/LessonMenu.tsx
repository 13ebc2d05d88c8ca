import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useCloseOnOutsidePointer } from '../../ui/useCloseOnOutsidePointer';
import { useStore } from 'zustand';
import { LESSON_CATALOG } from '../../lessons/catalog';
import { loadLessons } from '../../lessons/load';
import { browserProgressStorage, loadSolved } from '../../lessons/progress';
import { lessonSession, showLessonStep, type LessonOpen } from '../../lessons/session';
import { lessonSearch } from '../../lessons/url';
import { useSimBinding } from '../../store/react';
import './lessons.css';

// The header's "Lessons" menu: the eight lessons in order, each with its one-line summary and a ✓
// once its challenge was solved in this browser. It also keeps the address bar in step with the
// open lesson (`?lesson=N&step=K`, replaceState: no history entries), so a reload or a copied
// address opens the same step.

/** Put the open lesson step in the address bar (or take it out). A sandboxed frame may refuse: then nothing changes. */
export function writeLessonUrl(open: LessonOpen | null): void {
  try {
    const { pathname, search, hash } = window.location;
    const next = lessonSearch(search, open);
    if (next !== search) window.history.replaceState(window.history.state, '', `${pathname}${next}${hash}`);
  } catch {
    // the address bar stays as it is
  }
}

/** Start loading the lessons' content when the student reaches for the menu. */
const prefetch = () => void loadLessons();

export function LessonMenu() {
  const binding = useSimBinding();
  const session = useMemo(() => lessonSession(binding.store), [binding.store]);
  const current = useStore(session, (s) => s.open?.lesson ?? null);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const listId = useId();
  // Read when the menu opens, so a challenge solved meanwhile shows its ✓.
  const solved = useMemo(() => (open ? new Set(loadSolved(browserProgressStorage(), LESSON_CATALOG.length)) : new Set<number>()), [open]);

  useEffect(() => session.subscribe((s, prev) => {
    if (s.open !== prev.open) writeLessonUrl(s.open);
  }), [session]);

  // A click or tap outside closes the menu (focus stays where the student clicked).
  const closeQuietly = useCallback(() => setOpen(false), []);
  useCloseOnOutsidePointer(open, root, closeQuietly);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="ls-menu-root" ref={root}>
      <button ref={button} type="button" className="ls-menu-btn" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}
        onPointerEnter={prefetch} onFocus={prefetch}>
        Lessons ▾
      </button>
      {open && (
        <div id={listId} className="ls-menu" role="group" aria-label="Lessons: learn Paxos step by step"
          onKeyDown={(e) => { if (e.key === 'Escape') close(); }}>
          <div className="ls-menu-head">
            <p className="ls-menu-intro">
              Eight short lessons on the live simulation. Each step explains what is happening; Back goes back in time, and
              every lesson ends with a challenge for you to solve.
            </p>
            <button type="button" className="ls-menu-close" aria-label="Close the lessons menu" onClick={close}>
              <span aria-hidden="true">✕</span>
            </button>
          </div>
          <ol className="ls-list">
            {LESSON_CATALOG.map((l) => (
              <li key={l.number} className={`ls-item${current === l.number ? ' is-current' : ''}`}>
                <button type="button" className="ls-choose" data-lesson={l.number}
                  onClick={() => { close(); void showLessonStep(binding, l.number, 0); }}>
                  <span className="ls-choose-num" aria-hidden="true">{l.number}</span>
                  <span className="ls-choose-body">
                    <span className="ls-choose-title">
                      {`Lesson ${l.number}: ${l.title}`}
                      {solved.has(l.number) && <span className="ls-solved" aria-label="challenge solved" title="Challenge solved"> ✓</span>}
                    </span>
                    <span className="ls-choose-summary">{l.summary}</span>
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
