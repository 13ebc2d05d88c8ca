import { useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { actionById } from '../../actions/registry';
import { lessonSession } from '../../lessons/session';
import { useSimActions, useSimBinding, useThrottledSim } from '../../store/react';
import type { SimState } from '../../store/simStore';
import type { TimelineMark } from '../../worker/engine';
import { ActionButton } from './ActionButton';
import { useAvailable } from './availability';

// The timeline under the graph: drag to any moment of the run and the whole view (graph, log,
// safety panel) shows that moment. Step back and forth; Step and Play from the past replay what
// happened; acting in the past starts a new future, and the timeline says so before and after.

const START = actionById('to-start');
const BACK = actionById('step-back');
const STEP = actionById('step');
const NOW = actionById('to-now');
const ACTIONS = [START, BACK, STEP, NOW];

/** How long "a new future started" stays up. */
const FORK_NOTE_MS = 6000;

const playing = (s: SimState) => s.frame?.playing ?? false;

interface View {
  readonly position: number;
  readonly length: number;
  readonly time: number;
  readonly endTime: number;
  readonly marks: readonly TimelineMark[];
}

const EMPTY: View = { position: 0, length: 0, time: 0, endTime: 0, marks: [] };
let lastView: View = EMPTY;

/** One object per distinct view, so the throttled selector returns the same value for the same state. */
function selectView(s: SimState): View {
  const f = s.frame;
  if (!f) return EMPTY;
  const endTime = Math.floor(f.endTime);
  const v = lastView;
  if (v.position === f.position && v.length === f.length && v.time === f.time && v.endTime === endTime && v.marks === f.marks) return v;
  lastView = { position: f.position, length: f.length, time: f.time, endTime, marks: f.marks };
  return lastView;
}

export function Timeline() {
  const sim = useSimActions();
  const { store } = useSimBinding();
  const view = useThrottledSim(selectView, playing);
  const [start, back, step, now] = useAvailable(ACTIONS);
  const forkedAt = useForkNote(store);
  const ids = { slider: useId(), past: useId() };
  const { position, length, time, endTime, marks } = view;
  const inPast = position < length;
  const later = length - position;
  // A lesson step is a moment in the lesson's recorded run: "the past" is the normal place to be.
  const inLesson = useStore(lessonSession(store), (l) => l.open !== null && l.run?.kind === 'lesson' && !l.run.diverged);

  return (
    <section className={`ctl-timeline${inPast && !inLesson ? ' is-past' : ''}`} aria-label="Timeline">
      <div className="ctl-timeline-row">
        <div className="ctl-group" role="group" aria-label="Travel in time">
          <ActionButton action={START} available={!!start} icon="start" compact />
          <ActionButton action={BACK} available={!!back} icon="back" compact />
          <ActionButton action={STEP} available={!!step} icon="step" compact />
          <ActionButton action={NOW} available={!!now} icon="end" compact />
        </div>
        <label className="ctl-timeline-label" htmlFor={ids.slider}>
          <span className="ctl-timeline-time">t = {time}</span>
          <span className="ctl-timeline-steps">{inPast ? `step ${position} of ${length} · end t = ${endTime}` : `step ${position}`}</span>
        </label>
      </div>
      <div className="ctl-timeline-track">
        <input id={ids.slider} className="ctl-timeline-slider" type="range" min={0} max={Math.max(length, 1)} step={1}
          value={position} disabled={length === 0}
          aria-describedby={inPast ? ids.past : undefined}
          aria-valuetext={`step ${position} of ${length}, tick ${time}`}
          onChange={(e) => sim.seek(Number(e.currentTarget.value))} />
        <Marks marks={marks} length={length} onSeek={sim.seek} />
      </div>
      {inPast && inLesson && (
        <p id={ids.past} className="ctl-timeline-note ctl-timeline-lesson" role="status">
          <strong>Lesson run.</strong> Step and Play show what happens next; try anything else — a write, a
          crash, a drop — to see your own variation. Next or Back brings the lesson's run back.
        </p>
      )}
      {inPast && !inLesson && (
        <p id={ids.past} className="ctl-timeline-note ctl-timeline-past" role="status">
          <strong>Viewing the past.</strong> Step and Play replay what happened. Acting here — a write, a
          crash, a drop — starts a new future and discards the {later === 1 ? 'later step' : `${later} later steps`}.
        </p>
      )}
      {!inPast && forkedAt !== null && (
        <p className="ctl-timeline-note ctl-timeline-forked" role="status">
          <strong>New future</strong> started at t = {forkedAt}: what had happened after that moment was discarded.
        </p>
      )}
    </section>
  );
}

/** Tick marks above the slider for the user's actions and the moments a value was chosen; click to jump there. */
function Marks({ marks, length, onSeek }: { marks: readonly TimelineMark[]; length: number; onSeek: (p: number) => void }) {
  if (length === 0 || marks.length === 0) return null;
  return (
    <div className="ctl-timeline-marks">
      {marks.map((m, i) => (
        <button key={`${m.position}-${i}`} type="button" className={`ctl-mark ctl-mark-${m.kind}`}
          style={{ left: `${(m.position / length) * 100}%` }}
          title={`t = ${m.time}: ${m.label}`} aria-label={`Jump to t = ${m.time}: ${m.label}`}
          onClick={() => onSeek(m.position)} />
      ))}
    </div>
  );
}

/** The time of the last fork, for a few seconds after it (frames say `forked` only once). */
function useForkNote(store: ReturnType<typeof useSimBinding>['store']): number | null {
  const [at, setAt] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const unsubscribe = store.subscribe((s, prev) => {
      const f = s.frame;
      if (!f || f === prev.frame) return;
      if (f.forked) {
        setAt(f.time);
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => setAt(null), FORK_NOTE_MS);
      } else if (f.position < f.length) setAt(null);
    });
    return () => {
      unsubscribe();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [store]);
  return at;
}
