import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Message } from '../../core';
import { useSim, useSimBinding } from '../../store/react';
import { TICKS_PER_SECOND } from '../../worker/engine';
import { MessageAnimator, PILL_FADE_MS } from './animator';
import {
  assignLanes, labelModeFor, messageEdge, pillOffset, pillSize, pointerOffset, PILL_FONT_PX, type GraphLayout, type LabelMode, type NodeSlot,
} from './layout';
import { usePresence, useReducedMotion, useInflight, type OpenMenu, type SelectTarget } from './shared';
import { MESSAGE_SHAPE, messageAriaLabel, messageGlyph, pillLabel, shortLabel } from './text';

// The messages on the wire. React renders this layer only when the set of in-flight messages
// changes (or the layout, mode or selection); the MessageAnimator moves the pills every frame.

interface PillProps {
  readonly msg: Message;
  readonly from: NodeSlot;
  readonly to: NodeSlot;
  readonly r: number;
  readonly rank: number;
  readonly count: number;
  readonly mode: LabelMode;
  readonly parked: boolean;
  readonly selected: boolean;
  /** The pointer is over this message here or in another view (space-time diagram, log). */
  readonly hovered: boolean;
  /** A lesson step talks about this message's type ('spot'), or about other types ('dim'). */
  readonly spot: 'spot' | 'dim' | null;
  /** Fades and grows in when it appears (not for the messages already there when the graph mounts). */
  readonly enter: boolean;
  /** Delivered or lost: fading out, no longer a control. */
  readonly leaving: boolean;
  readonly animator: MessageAnimator;
  readonly onSelect: SelectTarget;
  readonly onMenu: OpenMenu;
  readonly onHover: (id: number | null) => void;
}

/** A small arrowhead on the wire, pointing the way the message travels. */
const ARROW = 'M6,0L-2,-4.5L-2,4.5Z';
/** A five-pointed star for the decision in crowded mode. */
const STAR = 'M0,-7L1.8,-2.4L6.7,-2.2L2.9,0.9L4.1,5.7L0,3L-4.1,5.7L-2.9,0.9L-6.7,-2.2L-1.8,-2.4Z';

function PillShape({ msg, text, mode, w, h }: { msg: Message; text: string; mode: LabelMode; w: number; h: number }) {
  const shape = MESSAGE_SHAPE[msg.type];
  if (mode === 'dot') {
    if (msg.type === 'decide') return <path className="pg-pill-bg" d={STAR} />;
    if (shape === 'request') return <rect className="pg-pill-bg" x={-5.5} y={-5.5} width={11} height={11} rx={2} />;
    return (
      <>
        <circle className="pg-pill-bg" r={6} />
        {msg.type === 'nack' && <path className="pg-pill-x" d="M-2.6,-2.6L2.6,2.6M2.6,-2.6L-2.6,2.6" />}
      </>
    );
  }
  return (
    <>
      <rect className="pg-pill-bg" x={-w / 2} y={-h / 2} width={w} height={h} rx={shape === 'reply' ? h / 2 : 3} />
      <text className="pg-pill-text" fontSize={PILL_FONT_PX[mode]}>{text}</text>
    </>
  );
}

/** The pill's words, led by the type's glyph (✕ nack, ★ decide) so it reads without colour. */
function pillText(msg: Message, mode: LabelMode): string {
  const glyph = messageGlyph(msg.type);
  const label = mode === 'full' ? pillLabel(msg) : shortLabel(msg);
  return glyph ? `${glyph} ${label}` : label;
}

const MessagePill = memo(function MessagePill(p: PillProps) {
  const { msg, from, to, r, mode, parked, animator } = p;
  const text = mode === 'dot' ? '' : pillText(msg, mode);
  const { width, height } = pillSize(text, mode);
  const size = useMemo(() => ({ width, height }), [width, height]);
  const edge = useMemo(() => messageEdge(from, to, r, size), [from, to, r, size]);
  const offset = pillOffset(edge, size, { rank: p.rank, count: p.count }, parked);
  const pointer = pointerOffset(edge, size);
  const angle = (Math.atan2(edge.uy, edge.ux) * 180) / Math.PI;
  const ref = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    if (ref.current) animator.track(msg.id, { el: ref.current, msg, edge, parked });
  }, [animator, msg, edge, parked]);
  useLayoutEffect(() => () => animator.untrack(msg.id), [animator, msg.id]);
  // Fades in and out are written by the animator too (see animator.ts for why not CSS).
  const enter = useRef(p.enter);
  useLayoutEffect(() => {
    if (enter.current) animator.appear(msg.id);
  }, [animator, msg.id]);
  useLayoutEffect(() => {
    if (p.leaving) animator.leave(msg.id);
  }, [animator, msg.id, p.leaving]);

  const label = messageAriaLabel(msg);
  const target = { kind: 'message', id: msg.id } as const;
  const click = (e: MouseEvent) => {
    e.stopPropagation();
    p.onSelect(target);
  };
  const menu = (e: MouseEvent<SVGGElement>) => {
    e.preventDefault();
    e.stopPropagation();
    p.onMenu(target, e.clientX, e.clientY, e.currentTarget);
  };
  const key = (e: KeyboardEvent<SVGGElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      p.onSelect(target);
    } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      const b = e.currentTarget.getBoundingClientRect();
      p.onMenu(target, b.left + b.width / 2, b.top + b.height / 2, e.currentTarget);
    }
  };
  const cls = `pg-msg pg-msg--${msg.type} pg-shape-${MESSAGE_SHAPE[msg.type]} pg-mode-${mode}${p.selected ? ' is-selected' : ''}${p.hovered ? ' is-hovered' : ''}${msg.cut ? ' is-cut' : ''}${p.leaving ? ' is-leaving' : ''}${p.spot === 'spot' ? ' is-spotlit' : p.spot === 'dim' ? ' is-dimmed' : ''}`;

  // The outer element is HTML: the animator moves it with the `translate` property, which changes
  // only its place (no style of its contents, no layout, no repaint of the pill), where moving an
  // SVG group re-records the paint of the whole layer every frame. The pill itself stays SVG.
  // The animator also fades it in and out (`scale` about the pill's centre, and `opacity`): no
  // animation component per pill, and nothing runs once a pill has appeared. A leaving pill is
  // hidden from assistive technology and takes no input: the message is gone, only its fade remains.
  const control = p.leaving
    ? {}
    : {
      tabIndex: 0, role: 'button', 'aria-pressed': p.selected, 'aria-label': label, onClick: click, onContextMenu: menu, onKeyDown: key,
      onPointerEnter: () => p.onHover(msg.id), onPointerLeave: () => p.onHover(null),
    };
  return (
    <div
      ref={ref} className={cls} data-message={msg.id} aria-hidden={p.leaving || undefined}
      style={{ transformOrigin: `${offset.x.toFixed(1)}px ${offset.y.toFixed(1)}px` }}
    >
      <svg className="pg-pill-svg" width={1} height={1} role="none">
        <g className="pg-pill" transform={`translate(${offset.x.toFixed(1)} ${offset.y.toFixed(1)})`} {...control}>
          {!p.leaving && <title>{label}</title>}
          {p.hovered && !p.selected && <rect className="pg-pill-hover" x={-size.width / 2 - 4} y={-size.height / 2 - 4} width={size.width + 8} height={size.height + 8} rx={6} />}
          {p.spot === 'spot' && <rect className="pg-pill-spot" x={-size.width / 2 - 6} y={-size.height / 2 - 6} width={size.width + 12} height={size.height + 12} rx={8} />}
          {p.selected && <rect className="pg-pill-select" x={-size.width / 2 - 4} y={-size.height / 2 - 4} width={size.width + 8} height={size.height + 8} rx={6} />}
          <path className="pg-msg-arrow" d={ARROW} transform={`translate(${pointer.x.toFixed(1)} ${pointer.y.toFixed(1)}) rotate(${angle.toFixed(1)})`} />
          <PillShape msg={msg} text={text} mode={mode} w={size.width} h={size.height} />
        </g>
      </svg>
    </div>
  );
});

export interface MessageLayerProps {
  readonly layout: GraphLayout;
  readonly selectedId: number | null;
  readonly onSelect: SelectTarget;
  readonly onMenu: OpenMenu;
}


export function MessageLayer({ layout, selectedId, onSelect, onMenu }: MessageLayerProps) {
  const { store, actions } = useSimBinding();
  const inflight = useInflight();
  const hover = useSim((s) => s.hover);
  const spotTypes = useSim((s) => s.spotlight?.messages);
  const parked = useSim((s) => s.frame?.world.config.mode === 'manual');
  const reduced = useReducedMotion();
  const [animator] = useState(() => new MessageAnimator(store, TICKS_PER_SECOND));
  useEffect(() => {
    animator.reducedMotion = reduced;
  }, [animator, reduced]);
  useEffect(() => {
    animator.start();
    return () => animator.stop();
  }, [animator]);

  const { items, leaving } = usePresence(inflight, reduced ? 0 : PILL_FADE_MS);
  // The messages on the wire when the graph mounts are simply there; later ones fade in.
  const [initial] = useState(() => new Set(inflight.map((m) => m.id)));
  const slots = useMemo(() => new Map(layout.nodes.map((n) => [n.id, n])), [layout]);
  // Leaving messages keep their lanes while they fade, so no pill jumps sideways meanwhile.
  const lanes = useMemo(() => assignLanes(items, parked), [items, parked]);
  const mode = labelModeFor(inflight.length, layout.width);

  return (
    <div className="pg-messages" role="group" aria-label="Messages in flight" style={{ width: layout.width, height: layout.height }}>
      {items.map((m) => {
        const from = slots.get(m.from);
        const to = slots.get(m.to);
        const lane = lanes.get(m.id);
        if (!from || !to || !lane) return null;
        const selected = m.id === selectedId;
        const spot = !spotTypes || spotTypes.length === 0 ? null : spotTypes.includes(m.type) ? 'spot' : 'dim';
        return (
          <MessagePill
            key={m.id} msg={m} from={from} to={to} r={layout.nodeRadius}
            // Only parked stacks depend on how many share the edge: moving pills ignore it, so
            // they do not re-render whenever a message joins or leaves their edge.
            rank={lane.rank} count={parked ? lane.count : 0}
            mode={selected ? 'full' : mode} parked={parked} selected={selected} hovered={m.id === hover}
            enter={!reduced && !initial.has(m.id)} leaving={leaving.has(m.id)} spot={spot}
            animator={animator} onSelect={onSelect} onMenu={onMenu} onHover={actions.hover}
          />
        );
      })}
    </div>
  );
}
