import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type MouseEvent, type PointerEvent } from 'react';
import { nodeIds, type Message, type MessageType } from '../../core';
import { useSim, useSimBinding, useThrottledSim } from '../../store/react';
import { useElementWidth } from '../../ui/useElementWidth';
import type { SimState, SimStore } from '../../store/simStore';
import type { SimActions } from '../../store/simStore';
import { exportPng, exportSvg } from './exportImage';
import {
  arrowHead, arrowPoints, arrowVisible, crossPath, layoutDiagram, RECENT_TICKS, type ArrowPoints, type Geometry, type WindowMode,
} from './geometry';
import { buildDiagram, describeArrow, summarize, TYPE_TAG, type Arrow, type Diagram, type Outcome } from './model';
import { LEGEND, MESSAGE_COLOR, MESSAGE_DASH, MESSAGE_WIDTH, THEME } from './style';
import './spacetime.css';

// The space-time (Lamport) diagram: time runs left to right, one lane per node, one arrow per
// message. It follows the scrubber (it is built from the log up to the view), and shares the
// hovered and selected message with the graph and the log. React draws every element from the
// pure model (model.ts) and geometry (geometry.ts); d3 supplies the scale.

const NO_MESSAGES: readonly Message[] = [];
const isPlaying = (s: SimState) => s.frame?.playing === true;
const selectLog = (s: SimState) => s.log;
const selectClock = (s: SimState) => s.frame?.clock ?? 0;
const selectInflight = (s: SimState) => s.frame?.world.inflight ?? NO_MESSAGES;
const selectDown = (s: SimState) => (s.frame ? s.frame.world.nodes.filter((n) => !n.up).map((n) => n.id).join(',') : '');
const selectNodeCount = (s: SimState) => s.frame?.world.config.nodes ?? s.config.nodes;
const selectSelected = (s: SimState) => (s.selection?.kind === 'message' ? s.selection.id : null);

/** Arrows at least this long (px) carry their phase tag (1a, 1b, 2a, 2b …). */
const TAG_MIN_PX = 46;
const f1 = (n: number) => Math.round(n * 10) / 10;


/**
 * Select message `id` as soon as it is on the wire in the view (a seek's frame arrives later, and
 * the store clears a message selection whose message is not in flight). Gives up after `ms`.
 */
function selectWhenInFlight(store: SimStore, actions: SimActions, id: number, ms = 3_000): () => void {
  const inFlight = (s: SimState) => s.frame?.world.inflight.some((m) => m.id === id) === true;
  const s0 = store.getState();
  if (inFlight(s0) && !s0.frame?.playing) {
    actions.select({ kind: 'message', id });
    return () => {};
  }
  let done = false;
  const stop = () => {
    if (done) return;
    done = true;
    unsubscribe();
    clearTimeout(timer);
  };
  const unsubscribe = store.subscribe((s) => {
    if (inFlight(s) && !s.frame?.playing) {
      stop();
      actions.select({ kind: 'message', id });
    }
  });
  const timer = setTimeout(stop, ms);
  return stop;
}

/** Whether the element is (even partly) inside the viewport; true where IntersectionObserver is missing. */
function useOnScreen<T extends Element>(): [(el: T | null) => void, boolean] {
  const [onScreen, setOnScreen] = useState(true);
  const observer = useRef<IntersectionObserver | null>(null);
  const ref = useCallback((el: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    observer.current = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (last) setOnScreen(last.isIntersecting);
    });
    observer.current.observe(el);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, onScreen];
}

export function SpaceTimeDiagram() {
  const { store, actions } = useSimBinding();
  const live = {
    log: useThrottledSim(selectLog, isPlaying),
    clock: useThrottledSim(selectClock, isPlaying),
    inflight: useThrottledSim(selectInflight, isPlaying),
    downKey: useThrottledSim(selectDown, isPlaying),
  };
  // Scrolled out of view (it sits below the graph), the diagram keeps what it last showed instead
  // of rebuilding ten times a second while playing; it catches up as soon as it is back on screen.
  const [sectionRef, onScreen] = useOnScreen<HTMLElement>();
  const shown = useRef(live);
  if (onScreen) shown.current = live;
  const { log, clock, inflight, downKey } = shown.current;
  const nodeCount = useSim(selectNodeCount);
  const ready = useSim((s) => s.frame !== null);
  const hover = useSim((s) => s.hover);
  const selected = useSim(selectSelected);
  // The whole run by default: the present is always in view, and a run of a few hundred ticks reads
  // well at this size; "Last 200 ticks" zooms in on the present for long runs.
  const [mode, setMode] = useState<WindowMode>('all');
  const [width, widthRef] = useElementWidth(800);
  const svgRef = useRef<SVGSVGElement>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const ids = { clip: `st-clip-${uid}`, title: `st-title-${uid}`, hint: `st-hint-${uid}` };

  const lanes = useMemo(() => nodeIds(nodeCount), [nodeCount]);
  const diagram = useMemo(
    () => buildDiagram(log, inflight, clock, lanes, downKey === '' ? [] : downKey.split(',')),
    [log, inflight, clock, lanes, downKey],
  );
  const geo = useMemo(() => layoutDiagram(diagram, width, mode), [diagram, width, mode]);
  const summary = useMemo(() => summarize(diagram), [diagram]);

  // A pending "select once the seek lands"; replaced by the next click, stopped on unmount.
  const pendingSelect = useRef<(() => void) | null>(null);
  useEffect(() => () => pendingSelect.current?.(), []);

  const arrowOf = (target: EventTarget | null): Arrow | null => {
    const el = target instanceof Element ? target.closest('[data-arrow]') : null;
    if (!el) return null;
    const id = Number(el.getAttribute('data-arrow'));
    return diagram.arrows.find((a) => a.id === id) ?? null;
  };
  const onPointerOver = (e: PointerEvent<SVGGElement>) => {
    const a = arrowOf(e.target);
    if (a) actions.hover(a.id);
  };
  const onPointerOut = (e: PointerEvent<SVGGElement>) => {
    const from = arrowOf(e.target);
    const to = arrowOf(e.relatedTarget);
    if (from && (!to || to.id !== from.id) && store.getState().hover === from.id) actions.hover(to ? to.id : null);
  };
  const onClick = (e: MouseEvent<SVGGElement>) => {
    const a = arrowOf(e.target);
    if (!a) return;
    e.stopPropagation();
    pendingSelect.current?.();
    pendingSelect.current = null;
    if (a.outcome === 'in-flight') {
      actions.select({ kind: 'message', id: a.id });
      return;
    }
    // Travel back to a moment the message is on the wire: halfway between its send and its end, so
    // the graph shows its pill mid-way along the edge. (At its send tick it would sit on the sender.)
    const t = Math.max(a.sentAt, Math.floor((a.sentAt + a.end) / 2));
    actions.seekToTime(t < a.end ? t : a.sentAt);
    pendingSelect.current = selectWhenInFlight(store, actions, a.id);
  };

  const doExport = async (kind: 'svg' | 'png') => {
    const svg = svgRef.current;
    if (!svg) return;
    setExportError(null);
    try {
      if (kind === 'svg') exportSvg(svg);
      else await exportPng(svg);
    } catch (err) {
      setExportError(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const hot = new Set<number>();
  if (hover !== null) hot.add(hover);
  if (selected !== null) hot.add(selected);
  const hovered = hover === null ? null : diagram.arrows.find((a) => a.id === hover) ?? null;
  const visible = useMemo(() => diagram.arrows.filter((a) => arrowVisible(a, geo)), [diagram, geo]);
  const placed = useMemo(() => placeArrows(visible, geo), [visible, geo]);
  const hasHot = visible.some((a) => hot.has(a.id));

  return (
    <section className="st" aria-labelledby={ids.title} ref={sectionRef}>
      <header className="st-head">
        <h2 className="st-title" id={ids.title}>Space-time diagram</h2>
        <span className="st-seg" role="group" aria-label="Time window">
          <button type="button" className="st-btn st-seg-btn" aria-pressed={mode === 'all'} onClick={() => setMode('all')}>
            Whole run
          </button>
          <button type="button" className="st-btn st-seg-btn" aria-pressed={mode === 'recent'} onClick={() => setMode('recent')}>
            Last {RECENT_TICKS} ticks
          </button>
        </span>
        <span className="st-exports">
          <button type="button" className="st-btn" onClick={() => void doExport('svg')} disabled={!ready}>Export SVG</button>
          <button type="button" className="st-btn" onClick={() => void doExport('png')} disabled={!ready}>Export PNG</button>
        </span>
      </header>
      <div className="st-frame" ref={widthRef}>
        <svg
          ref={svgRef} className={`st-svg${hasHot ? ' has-hot' : ''}`} width={geo.width} height={geo.height}
          viewBox={`0 0 ${geo.width} ${geo.height}`} role="img" aria-label={summary} aria-describedby={ids.hint}
        >
          <title>Space-time diagram</title>
          <desc>{summary}</desc>
          <defs>
            <clipPath id={ids.clip}>
              <rect x={geo.plotLeft - 1} y={0} width={geo.plotRight - geo.plotLeft + 2} height={geo.height} />
            </clipPath>
          </defs>
          <g clipPath={`url(#${ids.clip})`}>
            <Partitions diagram={diagram} geo={geo} />
            <Grid geo={geo} />
            <Lanes diagram={diagram} geo={geo} />
            <ChosenLines diagram={diagram} geo={geo} />
            <g className="st-arrows" transform={`translate(${f1(geo.shift)} 0)`} onPointerOver={onPointerOver} onPointerOut={onPointerOut} onClick={onClick}>
              {placed.map(({ arrow: a, points, tag }) => <ArrowView key={a.id} arrow={a} points={points} tag={tag} hot={hot.has(a.id)} />)}
            </g>
            <LaneMarks diagram={diagram} geo={geo} />
            <NowLine geo={geo} clock={diagram.clock} />
          </g>
          <Axis geo={geo} truncated={diagram.truncated} />
          <LaneLabels diagram={diagram} geo={geo} />
          {visible.length === 0 && (
            <text x={(geo.plotLeft + geo.plotRight) / 2} y={(geo.plotTop + geo.plotBottom) / 2} textAnchor="middle" fontSize={13} fill={THEME.inkSoft}>
              No messages yet: press Play or Step.
            </text>
          )}
        </svg>
        {hovered && <Tooltip arrow={hovered} geo={geo} />}
      </div>
      <Legend />
      <p className="st-hint" id={ids.hint}>
        Hover an arrow to highlight its message in the graph and the log; click it to travel back to when it was on the wire.
      </p>
      {exportError && <p className="st-error" role="alert">{exportError}</p>}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Layers

function Partitions({ diagram, geo }: { diagram: Diagram; geo: Geometry }) {
  return (
    <g>
      {diagram.partitions.map((p) => {
        const x1 = geo.x(p.from);
        const x2 = geo.x(p.to ?? diagram.clock);
        return (
          <g key={p.from}>
            <rect x={f1(x1)} y={geo.plotTop} width={f1(Math.max(1, x2 - x1))} height={geo.plotBottom - geo.plotTop} fill={THEME.partition} />
            <text x={f1(x1 + 3)} y={geo.plotBottom - 3} fontSize={10} fill={THEME.inkSoft}>
              partition {p.groups.map((g) => g.join(',')).join(' | ')}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function Grid({ geo }: { geo: Geometry }) {
  return (
    <g>
      {geo.ticks.map((t) => (
        <line key={t} x1={f1(geo.x(t))} x2={f1(geo.x(t))} y1={geo.plotTop} y2={geo.plotBottom} stroke={THEME.grid} strokeWidth={1} />
      ))}
    </g>
  );
}

function Lanes({ diagram, geo }: { diagram: Diagram; geo: Geometry }) {
  return (
    <g>
      {diagram.lanes.map((id) => {
        const y = geo.laneY.get(id)!;
        return <line key={id} x1={geo.plotLeft} x2={geo.plotRight} y1={y} y2={y} stroke={THEME.line} strokeWidth={1.5} />;
      })}
      {diagram.downs.map((d) => {
        const y = geo.laneY.get(d.node);
        if (y === undefined) return null;
        const x1 = geo.x(d.from);
        const x2 = geo.x(d.to ?? Math.max(diagram.clock, d.from));
        const w = Math.max(2, x2 - x1);
        return (
          <g key={`${d.node}-${d.from}`}>
            <rect x={f1(x1)} y={y - 7} width={f1(w)} height={14} rx={3} fill={THEME.down} stroke="#aeb4bb" strokeDasharray="3 2" />
            {w > 52 && (
              <text x={f1(x1 + w / 2)} y={y + 3.5} textAnchor="middle" fontSize={10} fill={THEME.inkSoft}>{d.node} is down</text>
            )}
          </g>
        );
      })}
    </g>
  );
}

function ChosenLines({ diagram, geo }: { diagram: Diagram; geo: Geometry }) {
  return (
    <g>
      {diagram.chosen.map((c) => {
        const x = geo.x(c.time);
        const rightSide = x + 150 < geo.plotRight;
        const text = c.again ? `★ chosen again (${c.ballot})` : `★ "${c.value}" chosen (${c.ballot})`;
        return (
          <g key={`${c.time}-${c.ballot}`}>
            <line x1={f1(x)} x2={f1(x)} y1={4} y2={geo.plotBottom} stroke={THEME.chosen} strokeWidth={c.again ? 1 : 1.6} strokeDasharray="4 3" />
            <text
              x={f1(rightSide ? x + 4 : x - 4)} y={13} textAnchor={rightSide ? 'start' : 'end'} fontSize={11} fontWeight={700} fill={THEME.chosen}
              stroke="#ffffff" strokeWidth={3} paintOrder="stroke"
            >{text}</text>
          </g>
        );
      })}
    </g>
  );
}

function NowLine({ geo, clock }: { geo: Geometry; clock: number }) {
  const x = f1(geo.x(clock));
  const near = x + 40 > geo.plotRight;
  return (
    <g>
      <line x1={x} x2={x} y1={geo.plotTop - 14} y2={geo.plotBottom} stroke={THEME.accent} strokeWidth={2} />
      <text
        x={near ? x - 4 : x + 4} y={geo.plotTop - 5} textAnchor={near ? 'end' : 'start'} fontSize={11} fontWeight={700} fill={THEME.accent}
        stroke="#ffffff" strokeWidth={3} paintOrder="stroke"
      >now t={Math.round(clock)}</text>
    </g>
  );
}

function Axis({ geo, truncated }: { geo: Geometry; truncated: boolean }) {
  const y = geo.plotBottom;
  return (
    <g>
      <line x1={geo.plotLeft} x2={geo.plotRight} y1={y} y2={y} stroke={THEME.inkSoft} strokeWidth={1} />
      {geo.ticks.map((t) => {
        const x = f1(geo.x(t));
        return (
          <g key={t}>
            <line x1={x} x2={x} y1={y} y2={y + 4} stroke={THEME.inkSoft} />
            <text x={x} y={y + 15} textAnchor="middle" fontSize={10} fill={THEME.inkSoft}>{t}</text>
          </g>
        );
      })}
      <text x={4} y={y + 15} fontSize={10} fill={THEME.inkSoft}>tick</text>
      {truncated && <text x={geo.plotLeft + 2} y={12} fontSize={10} fill={THEME.inkSoft}>(earlier events trimmed)</text>}
    </g>
  );
}

function LaneLabels({ diagram, geo }: { diagram: Diagram; geo: Geometry }) {
  return (
    <g>
      {diagram.lanes.map((id) => (
        <text key={id} x={12} y={geo.laneY.get(id)! + 4.5} fontSize={13} fontWeight={700} fill={THEME.ink}>{id}</text>
      ))}
    </g>
  );
}

function LaneMarks({ diagram, geo }: { diagram: Diagram; geo: Geometry }) {
  return (
    <g>
      {diagram.marks.map((m, i) => {
        const y = geo.laneY.get(m.node);
        if (y === undefined || m.time < geo.t0 || m.time > geo.t1) return null;
        const x = f1(geo.x(m.time));
        switch (m.kind) {
          case 'crash':
            return (
              <g key={i}>
                <circle cx={x} cy={y} r={6.5} fill={THEME.danger} />
                <path d={crossPath(x, y, 3)} stroke="#ffffff" strokeWidth={1.8} />
                <text x={x} y={y - 10} textAnchor="middle" fontSize={10} fontWeight={700} fill={THEME.danger} stroke="#ffffff" strokeWidth={3} paintOrder="stroke">crash</text>
              </g>
            );
          case 'restart':
            return (
              <g key={i}>
                <circle cx={x} cy={y} r={6.5} fill={THEME.chosen} />
                <path d={`M${f1(x - 2)},${y - 3.5}L${f1(x + 3.5)},${y}L${f1(x - 2)},${y + 3.5}Z`} fill="#ffffff" />
                <text x={x} y={y - 10} textAnchor="middle" fontSize={10} fontWeight={700} fill={THEME.chosen} stroke="#ffffff" strokeWidth={3} paintOrder="stroke">restart</text>
              </g>
            );
          case 'ballot':
            return (
              <g key={i}>
                <line x1={x} x2={x} y1={y - 8} y2={y + 8} stroke={THEME.ink} strokeWidth={2} />
                <text x={x + 3} y={y - 6} fontSize={10} fontWeight={700} fill={THEME.ink} stroke="#ffffff" strokeWidth={3} paintOrder="stroke">{m.text}</text>
              </g>
            );
          case 'learn':
            return (
              <text key={i} x={x} y={y + 15} textAnchor="middle" fontSize={11} fontWeight={700} fill={THEME.chosen} stroke="#ffffff" strokeWidth={3} paintOrder="stroke">✓</text>
            );
        }
      })}
    </g>
  );
}

// ---------------------------------------------------------------------------------------------
// One arrow

interface PlacedArrow {
  readonly arrow: Arrow;
  readonly points: ArrowPoints;
  /** Whether its phase tag is written on it (long enough, and not on top of another tag). */
  readonly tag: boolean;
}

/** Pixels of each arrow, and which carry a tag: greedily, oldest first, none overlapping another. */
function placeArrows(arrows: readonly Arrow[], geo: Geometry): PlacedArrow[] {
  const tags: { x: number; y: number }[] = [];
  const out: PlacedArrow[] = [];
  for (const arrow of arrows) {
    const points = arrowPoints(arrow, geo);
    if (!points) continue;
    // In-flight arrows carry no tag yet: it would move with every update (their colour and dash tell the type).
    let tag = arrow.outcome !== 'in-flight' && Math.hypot(points.x2 - points.x1, points.y2 - points.y1) >= TAG_MIN_PX;
    if (tag) {
      const x = (points.x1 + points.x2) / 2;
      const y = (points.y1 + points.y2) / 2;
      tag = !tags.some((t) => Math.abs(t.x - x) < 22 && Math.abs(t.y - y) < 12);
      if (tag) tags.push({ x, y });
    }
    out.push({ arrow, points, tag });
  }
  return out;
}

interface ArrowViewProps {
  readonly arrow: Arrow;
  readonly points: ArrowPoints;
  readonly tag: boolean;
  readonly hot: boolean;
}

function ArrowView({ arrow, points: p, tag, hot }: ArrowViewProps) {
  return (
    <ArrowShape
      id={arrow.id} type={arrow.type} outcome={arrow.outcome} copy={arrow.duplicateOf !== null} hot={hot} tag={tag}
      x1={f1(p.x1)} y1={f1(p.y1)} x2={f1(p.x2)} y2={f1(p.y2)} x3={f1(p.x3)} y3={f1(p.y3)}
    />
  );
}

interface ArrowShapeProps {
  readonly id: number;
  readonly type: MessageType;
  readonly outcome: Outcome;
  readonly copy: boolean;
  readonly hot: boolean;
  readonly tag: boolean;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly x3: number;
  readonly y3: number;
}

/** Pixels only (primitive props), so an arrow whose pixels did not change skips its re-render. */
const ArrowShape = memo(function ArrowShape({ id, type, outcome, copy, hot, tag, x1, y1, x2, y2, x3, y3 }: ArrowShapeProps) {
  const color = MESSAGE_COLOR[type];
  const d = `M${x1},${y1}L${x2},${y2}`;
  const live = outcome === 'in-flight';
  const lost = outcome === 'dropped' || outcome === 'lost-crash' || outcome === 'lost-partition';
  return (
    <g className={`st-arrow st-arrow--${type}${hot ? ' is-hot' : ''}`} data-arrow={id} data-outcome={outcome}>
      {hot && <path data-export="skip" d={live ? `${d}L${x3},${y3}` : d} stroke={THEME.accent} strokeOpacity={0.28} strokeWidth={9} strokeLinecap="round" fill="none" />}
      <path className="st-line" d={d} stroke={color} strokeWidth={MESSAGE_WIDTH[type]} strokeDasharray={MESSAGE_DASH[type]} fill="none" />
      {live && (
        <>
          <path d={`M${x2},${y2}L${x3},${y3}`} stroke={color} strokeOpacity={0.45} strokeWidth={1.2} strokeDasharray="1.5 3" fill="none" />
          <circle cx={x2} cy={y2} r={3.8} fill={color} stroke="#ffffff" strokeWidth={1} />
        </>
      )}
      {outcome === 'delivered' && <path d={arrowHead(x1, y1, x2, y2)} fill={color} />}
      {lost && <path className="st-cross" d={crossPath(x2, y2)} stroke={THEME.danger} strokeWidth={2.4} strokeLinecap="round" />}
      {copy && <circle cx={x1} cy={y1} r={2.8} fill="#ffffff" stroke={color} strokeWidth={1.5} />}
      {tag && (
        <text
          x={f1((x1 + x2) / 2)} y={f1((y1 + y2) / 2 + 3.5)} textAnchor="middle" fontSize={9.5} fontWeight={700} fill={color}
          stroke="#ffffff" strokeWidth={3} paintOrder="stroke"
        >{TYPE_TAG[type]}</text>
      )}
      {/* A wide invisible stroke: an easy target for the pointer (pointer-events: stroke ignores visibility). */}
      <path data-export="skip" className="st-hit" d={live ? `${d}L${x3},${y3}` : d} stroke="#000" strokeWidth={12} fill="none" visibility="hidden" />
    </g>
  );
});

function Tooltip({ arrow, geo }: { arrow: Arrow; geo: Geometry }) {
  const p = arrowPoints(arrow, geo);
  if (!p) return null;
  const text = describeArrow(arrow);
  // Beside the arrow, never on it: above its highest point, or below its lowest when there is no room above.
  const top = Math.min(p.y1, p.y2, p.y3);
  const bottom = Math.max(p.y1, p.y2, p.y3);
  const left = Math.max(4, Math.min(geo.shift + Math.min(p.x1, p.x2) + 6, geo.width - 304));
  const style = top >= 44 ? { left, bottom: geo.height - top + 8 } : { left, top: bottom + 10 };
  return <div className="st-tooltip" role="status" style={style}>{text}</div>;
}

function Legend() {
  return (
    <ul className="st-legend" aria-label="Space-time diagram legend">
      {LEGEND.map((row) => (
        <li key={row.text}>
          <svg width={34} height={12} aria-hidden="true">
            {row.types.map((t, i) => (
              <line key={t} x1={i === 0 ? 1 : 18} x2={i === 0 && row.types.length > 1 ? 15 : 33} y1={6} y2={6}
                stroke={MESSAGE_COLOR[t]} strokeWidth={MESSAGE_WIDTH[t] + 0.4} strokeDasharray={MESSAGE_DASH[t]} />
            ))}
          </svg>
          {row.text}
        </li>
      ))}
      <li><svg width={12} height={12} aria-hidden="true"><path d={crossPath(6, 6, 4)} stroke={THEME.danger} strokeWidth={2.2} /></svg>message lost</li>
      <li><svg width={14} height={12} aria-hidden="true"><circle cx={7} cy={6} r={3.5} fill={MESSAGE_COLOR.prepare} /></svg>in flight (dotted: where it will arrive)</li>
      <li><svg width={14} height={14} aria-hidden="true"><circle cx={7} cy={7} r={6} fill={THEME.danger} /><path d={crossPath(7, 7, 2.6)} stroke="#fff" strokeWidth={1.6} /></svg>crash (grey: node down)</li>
      <li><svg width={14} height={14} aria-hidden="true"><circle cx={7} cy={7} r={6} fill={THEME.chosen} /><path d="M5,3.5L10.5,7L5,10.5Z" fill="#fff" /></svg>restart</li>
      <li><svg width={10} height={14} aria-hidden="true"><line x1={5} x2={5} y1={0} y2={14} stroke={THEME.chosen} strokeWidth={1.6} strokeDasharray="4 3" /></svg>value chosen</li>
      <li><svg width={10} height={14} aria-hidden="true"><line x1={5} x2={5} y1={0} y2={14} stroke={THEME.accent} strokeWidth={2} /></svg>now</li>
    </ul>
  );
}
