import {
  memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState,
  type KeyboardEvent as ReactKeyboardEvent,
} from 'react';
import { useSim, useSimBinding, useThrottledSim } from '../../store/react';
import type { SimState } from '../../store/simStore';
import type { LogEntry } from '../../worker/engine';
import { GLYPH, isSelectable, KIND_LABEL, KIND_OF, messageIdOf, MILESTONES, NET_TYPES, selectionFor, TIMER_TYPES } from './kinds';
import './log.css';

// The run in plain language, one line per event (the core's describe()). Newest last; follows new
// events unless the reader scrolled up. Only the newest `windowSize` lines are in the DOM, so a
// 2,000-entry log stays cheap to update 60 times a second.

export interface EventLogProps {
  /** How many of the newest (filtered) lines to render. Default 300. */
  readonly windowSize?: number;
}

/** Within this many pixels of the bottom counts as "at the bottom" (follow new events). */
const STICKY_PX = 24;

// While the simulation plays, the log takes new lines 10 times a second rather than with every
// worker frame (30 a second): nobody reads faster, and each update re-lays out and repaints the
// panel. Paused or stepping, every line shows at once.
const isPlaying = (s: SimState) => s.frame?.playing === true;
const selectLog = (s: SimState) => s.log;
const selectTotal = (s: SimState) => s.frame?.totalEvents ?? 0;

const prefersReducedMotion = () =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

export function EventLog({ windowSize = 300 }: EventLogProps) {
  const { store, actions } = useSimBinding();
  const log = useThrottledSim(selectLog, isPlaying);
  const total = useThrottledSim(selectTotal, isPlaying);
  const selectedMessage = useSim((s) => (s.selection?.kind === 'message' ? s.selection.id : null));
  // The message the pointer is over, here or in the graph or the space-time diagram.
  const hoveredMessage = useSim((s) => s.hover);
  const [showTimers, setShowTimers] = useState(false);
  const [showMessages, setShowMessages] = useState(true);
  const ids = { title: useId(), hint: useId() };

  const filtered = useMemo(
    () => log.filter((e) => (showTimers || !TIMER_TYPES.has(e.event.type)) && (showMessages || !NET_TYPES.has(e.event.type))),
    [log, showTimers, showMessages],
  );
  const shown = filtered.length > windowSize ? filtered.slice(-windowSize) : filtered;
  const notShown = filtered.length - shown.length;
  const lastIndex = shown.length ? shown[shown.length - 1]!.index : -1;

  // --- follow the newest line unless the reader scrolled up
  const scroller = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const [seenIndex, setSeenIndex] = useState(-1);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (following && el) el.scrollTop = el.scrollHeight;
  }, [lastIndex, following, showTimers, showMessages]);
  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= STICKY_PX;
    if (atBottom !== following) {
      setFollowing(atBottom);
      if (!atBottom) setSeenIndex(lastIndex);
    }
  };
  const jumpToLatest = () => {
    const el = scroller.current;
    setFollowing(true);
    el?.scrollTo({ top: el.scrollHeight, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  };
  const unseen = following ? 0 : shown.filter((e) => e.index > seenIndex).length;

  // --- roving focus: one line is in the Tab order; arrows move between lines
  const [activeIndex, setActiveIndex] = useState<number | null>(null);
  const tabbableIndex = activeIndex !== null && shown.some((e) => e.index === activeIndex) ? activeIndex : lastIndex;

  const activate = useCallback((entry: LogEntry) => {
    const sel = selectionFor(entry.event, store.getState().frame?.world.inflight ?? []);
    if (sel) actions.select(sel);
  }, [store, actions]);

  const onListKeyDown = (e: ReactKeyboardEvent<HTMLOListElement>) => {
    const row = (e.target as HTMLElement).closest<HTMLLIElement>('li[data-index]');
    if (!row) return;
    let next: Element | null;
    switch (e.key) {
      case 'ArrowDown': next = row.nextElementSibling; break;
      case 'ArrowUp': next = row.previousElementSibling; break;
      case 'Home': next = row.parentElement?.firstElementChild ?? null; break;
      case 'End': next = row.parentElement?.lastElementChild ?? null; break;
      case 'Enter':
      case ' ': {
        e.preventDefault();
        const entry = shown.find((x) => x.index === Number(row.dataset.index));
        if (entry) activate(entry);
        return;
      }
      default: return;
    }
    e.preventDefault();
    if (next instanceof HTMLElement) next.focus();
  };

  // --- screen-reader narration of milestones (chosen, learned, violations, reads)
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef<number | null>(null);
  useEffect(() => {
    const last = log.length ? log[log.length - 1]!.index : -1;
    const previous = announced.current;
    announced.current = last;
    if (previous === null) return; // first render: the history is not news
    const since = last < previous ? -1 : previous; // a new run restarts the indices
    const fresh = log.filter((e) => e.index > since && MILESTONES.has(e.event.type));
    if (fresh.length) setAnnouncement(fresh.slice(-3).map((e) => e.text).join('. '));
  }, [log]);

  return (
    <section className="log" aria-labelledby={ids.title}>
      <LogHead titleId={ids.title} total={total} showMessages={showMessages} showTimers={showTimers}
        setShowMessages={setShowMessages} setShowTimers={setShowTimers} />
      <div className="log-body">
        <div className="log-scroll" ref={scroller} onScroll={onScroll}>
          {notShown > 0 && <p className="log-more">{notShown} earlier {notShown === 1 ? 'line' : 'lines'} not shown here.</p>}
          {shown.length === 0
            ? <p className="log-empty">{log.length === 0 ? 'Nothing has happened yet: press Play or Step.' : 'No lines match the filters.'}</p>
            : (
              <ol className="log-list" aria-labelledby={ids.title} aria-describedby={ids.hint} onKeyDown={onListKeyDown}
                onFocus={(e) => { const i = (e.target as HTMLElement).dataset.index; if (i !== undefined) setActiveIndex(Number(i)); }}>
                {shown.map((entry) => {
                  const id = messageIdOf(entry.event);
                  return (
                    <LogRow key={entry.index} entry={entry} tabbable={entry.index === tabbableIndex}
                      selected={selectedMessage !== null && id === selectedMessage}
                      hovered={hoveredMessage !== null && id === hoveredMessage} onActivate={activate} onHover={actions.hover} />
                  );
                })}
              </ol>
            )}
        </div>
        {!following && shown.length > 0 && (
          <button type="button" className="log-jump" onClick={jumpToLatest}>
            <span aria-hidden="true">↓ </span>Jump to latest{unseen > 0 ? ` (${unseen} new)` : ''}
          </button>
        )}
      </div>
      <p id={ids.hint} className="log-sr-only">Press Enter on a line to select its message or node. Up and down arrows move between lines.</p>
      <div className="log-sr-only" role="status" aria-live="polite" aria-atomic="true">{announcement}</div>
    </section>
  );
}

interface LogHeadProps {
  readonly titleId: string;
  readonly total: number;
  readonly showMessages: boolean;
  readonly showTimers: boolean;
  readonly setShowMessages: (show: boolean) => void;
  readonly setShowTimers: (show: boolean) => void;
}

/** Title, count and filters. The filters are memoised apart: new lines must not re-render the checkboxes. */
function LogHead({ titleId, total, showMessages, showTimers, setShowMessages, setShowTimers }: LogHeadProps) {
  return (
    <header className="log-head">
      <h2 className="log-title" id={titleId}>Event log</h2>
      <span className="log-count">{total} {total === 1 ? 'event' : 'events'}</span>
      <LogFilters showMessages={showMessages} showTimers={showTimers} setShowMessages={setShowMessages} setShowTimers={setShowTimers} />
    </header>
  );
}

const LogFilters = memo(function LogFilters({ showMessages, showTimers, setShowMessages, setShowTimers }: Omit<LogHeadProps, 'titleId' | 'total'>) {
  return (
    <span className="log-filters">
      <label className="log-check">
        <input type="checkbox" checked={showMessages} onChange={(e) => setShowMessages(e.target.checked)} />
        Show messages
      </label>
      <label className="log-check">
        <input type="checkbox" checked={showTimers} onChange={(e) => setShowTimers(e.target.checked)} />
        Show timers
      </label>
    </span>
  );
});

interface LogRowProps {
  readonly entry: LogEntry;
  readonly tabbable: boolean;
  readonly selected: boolean;
  /** Its message is hovered (here or in another view). */
  readonly hovered: boolean;
  readonly onActivate: (entry: LogEntry) => void;
  readonly onHover: (id: number | null) => void;
}

const LogRow = memo(function LogRow({ entry, tabbable, selected, hovered, onActivate, onHover }: LogRowProps) {
  const kind = KIND_OF[entry.event.type];
  const selectable = isSelectable(entry.event);
  const messageId = messageIdOf(entry.event);
  return (
    <li
      className={`log-row log-${kind}${selectable ? ' log-clickable' : ''}${selected ? ' log-selected' : ''}${hovered ? ' log-hovered' : ''}`}
      data-index={entry.index}
      tabIndex={tabbable ? 0 : -1}
      aria-current={selected ? 'true' : undefined}
      onClick={selectable ? () => onActivate(entry) : undefined}
      onPointerEnter={messageId !== null ? () => onHover(messageId) : undefined}
      onPointerLeave={messageId !== null ? () => onHover(null) : undefined}
    >
      <span className="log-time"><span className="log-sr-only">tick </span>{entry.event.time}</span>
      <span className="log-glyph" aria-hidden="true">{GLYPH[kind]}</span>
      {(kind === 'warn' || kind === 'violation' || kind === 'fault') && <span className="log-sr-only">{KIND_LABEL[kind]}: </span>}
      <span className="log-text">{entry.text}</span>
    </li>
  );
});
