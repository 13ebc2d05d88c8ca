import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { challengeViewOf } from '../../lessons/checkView';
import { LESSON_CATALOG } from '../../lessons/catalog';
import type { CheckResult, Lesson } from '../../lessons/model';
import { browserProgressStorage, loadSolved, saveSolved } from '../../lessons/progress';
import {
  exitLesson, exitToPreviousRun, isLessonRun, lessonByNumber, lessonSession, restartChallenge, showLessonStep, showSolution, type LessonSession,
} from '../../lessons/session';
import { stepCount } from '../../lessons/url';
import { useSimBinding } from '../../store/react';
import type { SimBinding } from '../../store/react';
import './lessons.css';

// The card of the open lesson: where we are ("Lesson 2 of 8 · …", step k of n with dots), the
// step's title and narration (plain text), Back / Next, Exit. The last step is the challenge: the
// task, how to go about it, Check (and automatic detection: the check runs on every frame of the
// challenge's run), "Not yet: …" then the hint, then "Show me".

export function LessonCard() {
  const binding = useSimBinding();
  const session = useMemo(() => lessonSession(binding.store), [binding.store]);
  const open = useStore(session, (s) => s.open);
  const busy = useStore(session, (s) => s.busy);
  const hasPrevious = useStore(session, (s) => s.previous !== null);
  const root = useRef<HTMLElement>(null);
  const where = open ? `${open.lesson}:${open.step}` : '';
  // A button that was pressed may be gone on the new step (Next on the last narrated step): then
  // the focus goes to the new step's heading rather than to the page.
  useEffect(() => {
    const active = document.activeElement;
    if (where && (!active || active === document.body)) root.current?.querySelector<HTMLElement>('.ls-title')?.focus();
  }, [where]);
  const lesson = open ? lessonByNumber(open.lesson) : null;
  if (!open || !lesson) return null;
  const count = stepCount(lesson);
  const k = open.step;
  const challenge = k >= lesson.steps.length;
  const step = lesson.steps[k];
  const go = (to: number) => void showLessonStep(binding, lesson.number, to);
  const next = lesson.number < LESSON_CATALOG.length ? lessonByNumber(lesson.number + 1) : null;

  return (
    <section ref={root} className={`ls-card${challenge ? ' is-challenge' : ''}`} aria-label={`Lesson ${lesson.number}`} aria-busy={busy || undefined}>
      <div className="ls-card-head">
        <p className="ls-kicker">Lesson {lesson.number} of {LESSON_CATALOG.length} · {lesson.title}</p>
        <span className="ls-exits">
          <button type="button" className="ls-exit" onClick={() => exitLesson(binding.store)}>Exit lesson</button>
          {hasPrevious && (
            <button type="button" className="ls-exit" onClick={() => void exitToPreviousRun(binding)}>Exit to my run</button>
          )}
        </span>
      </div>
      <div className="ls-progress">
        <span className="ls-progress-text" aria-live="polite">Step {k + 1} of {count}</span>
        <ol className="ls-dots" aria-label="Steps">
          {Array.from({ length: count }, (_, i) => (
            <li key={i}>
              <button type="button" className={`ls-dot${i === k ? ' is-current' : ''}${i < k ? ' is-done' : ''}${i === count - 1 ? ' is-challenge' : ''}`}
                aria-label={i === count - 1 ? `Step ${i + 1}: the challenge` : `Step ${i + 1}: ${lesson.steps[i]!.title}`}
                aria-current={i === k ? 'step' : undefined} onClick={() => go(i)} />
            </li>
          ))}
        </ol>
      </div>
      {step ? (
        <div className="ls-body" key={`${lesson.number}-${k}`}>
          <h2 className="ls-title" tabIndex={-1}>{step.title}</h2>
          {step.text.map((p, i) => <p key={i} className="ls-text">{p}</p>)}
        </div>
      ) : (
        <ChallengeBody key={lesson.number} lesson={lesson} binding={binding} session={session} />
      )}
      <div className="ls-nav">
        <button type="button" className="ls-btn" disabled={k === 0} onClick={() => go(k - 1)}>← Back</button>
        {!challenge && (
          <button type="button" className="ls-btn ls-btn-primary" onClick={() => go(k + 1)}>
            {k + 1 === lesson.steps.length ? 'Next: try it yourself →' : 'Next →'}
          </button>
        )}
        {challenge && next && (
          <button type="button" className="ls-btn" onClick={() => void showLessonStep(binding, next.number, 0)}>Next lesson →</button>
        )}
      </div>
    </section>
  );
}

type Outcome = 'solved' | 'watched' | null;

function ChallengeBody({ lesson, binding, session }: { lesson: Lesson; binding: SimBinding; session: LessonSession }) {
  const { store } = binding;
  const c = lesson.challenge;
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [failed, setFailed] = useState(0);
  const [solvedBefore] = useState(() => loadSolved(browserProgressStorage(), LESSON_CATALOG.length).includes(lesson.number));

  /** The check on the run on screen, if it is this challenge's run (or its "Show me" run). */
  const evaluate = (): { kind: 'challenge' | 'solution' | null; result: CheckResult } => {
    const run = session.getState().run;
    const kind = isLessonRun(store, run, 'challenge', lesson.number) ? 'challenge'
      : isLessonRun(store, run, 'solution', lesson.number) ? 'solution' : null;
    const view = challengeViewOf(store.getState());
    if (!kind || !view) {
      return { kind, result: { done: false, missing: 'the run on screen is not this challenge\'s run. Press “Restart the challenge” to start it again.' } };
    }
    return { kind, result: c.check(view) };
  };

  const record = (kind: 'challenge' | 'solution' | null) => {
    if (kind === 'challenge') {
      saveSolved(browserProgressStorage(), LESSON_CATALOG.length, lesson.number);
      setOutcome('solved');
    } else if (kind === 'solution') {
      setOutcome((o) => o ?? 'watched');
    }
  };

  // Automatic detection: on every frame of the challenge's run (the student's actions, Step, time travel).
  useEffect(() => {
    const run = () => {
      const r = evaluate();
      if (r.result.done) record(r.kind);
    };
    run();
    const offStore = store.subscribe((s, prev) => {
      if (s.frame !== prev.frame) run();
    });
    const offSession = session.subscribe(run);
    return () => {
      offStore();
      offSession();
    };
    // evaluate/record read the stores when called; the lesson is fixed for this component (keyed).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, session, lesson]);

  const onCheck = () => {
    const r = evaluate();
    setResult(r.result);
    if (r.result.done) record(r.kind);
    else setFailed((n) => n + 1);
  };

  const restart = () => {
    setResult(null);
    // Once the fresh attempt is on screen (the solution run stays "watched" until it is replaced).
    void restartChallenge(binding, lesson.number).then((ok) => {
      if (ok) setOutcome((o) => (o === 'watched' ? null : o));
    });
  };

  const watch = () => {
    setResult(null);
    void showSolution(binding, lesson.number);
  };

  return (
    <div className="ls-body">
      <h2 className="ls-title" tabIndex={-1}><span className="ls-tag">Try it yourself</span> {c.task}</h2>
      {c.text.map((p, i) => <p key={i} className="ls-text">{p}</p>)}
      {solvedBefore && outcome !== 'solved' && (
        <p className="ls-before"><span className="ls-check" aria-hidden="true">✓</span> You solved this challenge before; try it again or go on.</p>
      )}
      {outcome === 'solved' && (
        <div className="ls-result is-done" role="status">
          <p><span className="ls-check" aria-hidden="true">✓</span> <strong>Solved!</strong> {c.success}</p>
        </div>
      )}
      {outcome === 'watched' && (
        <div className="ls-result is-watched" role="status">
          <p><strong>That is one way to do it.</strong> {c.success} Now press “Restart the challenge” and do it yourself for the ✓.</p>
        </div>
      )}
      {outcome !== 'solved' && result && !result.done && (
        <div className="ls-result is-not-yet" role="status">
          <p><strong>Not yet:</strong> {result.missing}</p>
        </div>
      )}
      {outcome !== 'solved' && failed > 0 && (
        <p className="ls-hint"><strong>Hint:</strong> {c.hint}</p>
      )}
      <div className="ls-actions">
        {outcome !== 'solved' && <button type="button" className="ls-btn ls-btn-primary" onClick={onCheck}>Check</button>}
        <button type="button" className="ls-btn" onClick={restart}>Restart the challenge</button>
        {outcome !== 'solved' && failed > 0 && (
          <button type="button" className="ls-btn" onClick={watch}>Show me</button>
        )}
      </div>
    </div>
  );
}
