import { useCallback, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSim, useSimActions } from '../../store/react';
import '../../styles/theme.css';
import './graph.css';
import { ContextMenu, type MenuState } from './ContextMenu';
import { fitLayout } from './layout';
import { MessageLayer } from './MessageLayer';
import { NodeView } from './NodeView';
import { CenterBadge, DropMarks, EdgeLayer, PartitionBanner, PartitionLayer } from './Overlays';
import { useAvailableHeight, useElementWidth, type GraphTarget, type OpenMenu } from './shared';

// The cluster graph: nodes on a circle with their cards, messages travelling on the wires between
// them, partitions, lost messages and the verdict in the middle. It fills its container's width
// and picks its own height; everything it shows comes from the store.

/** Width assumed before the container has been measured (and in environments without layout). */
const FALLBACK_WIDTH = 640;

export function ClusterGraph() {
  const actions = useSimActions();
  const ready = useSim((s) => s.frame !== null);
  const count = useSim((s) => s.frame?.world.config.nodes ?? s.config.nodes);
  const selection = useSim((s) => s.selection);
  const chosen = useSim(useShallow((s) => s.frame?.world.monitor.chosen.map((c) => c.value) ?? []));
  const [width, measure] = useElementWidth(FALLBACK_WIDTH);
  const [maxHeight, measureHeight] = useAvailableHeight();
  const layout = useMemo(() => fitLayout(count, width, maxHeight), [count, width, maxHeight]);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const root = useRef<HTMLDivElement | null>(null);
  const stage = useRef<HTMLDivElement | null>(null);

  const rootRef = useCallback((el: HTMLDivElement | null) => {
    root.current = el;
    const stopWidth = measure(el);
    const stopHeight = measureHeight(el);
    return () => {
      stopWidth?.();
      stopHeight?.();
    };
  }, [measure, measureHeight]);

  const onSelect = useCallback((t: GraphTarget) => actions.select(t), [actions]);
  const menuRef = useRef<MenuState | null>(null);
  const onMenu: OpenMenu = useCallback((target, clientX, clientY, origin) => {
    const box = stage.current?.getBoundingClientRect();
    actions.select(target);
    const m: MenuState = { target, x: clientX - (box?.left ?? 0), y: clientY - (box?.top ?? 0), origin };
    menuRef.current = m;
    setMenu(m);
  }, [actions]);
  const closeMenu = useCallback((refocus: boolean) => {
    const origin = menuRef.current?.origin;
    menuRef.current = null;
    setMenu(null);
    if (!refocus) return;
    if (origin && origin.isConnected) origin.focus();
    else root.current?.focus();
  }, []);

  const nodeSelected = selection?.kind === 'node' ? selection.id : null;
  const messageSelected = selection?.kind === 'message' ? selection.id : null;

  return (
    <div className="pg-root" ref={rootRef} tabIndex={-1}>
      {ready ? (
        <div className="pg-stage" ref={stage} style={{ width: layout.width }}>
          <PartitionBanner />
          <svg
            className="pg-svg" width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`}
            role="group" aria-label={`Cluster of ${count} nodes`} onClick={() => selection && actions.select(null)}
          >
            <PartitionLayer layout={layout} />
            <EdgeLayer layout={layout} />
            <CenterBadge layout={layout} />
            <g className="pg-nodes">
              {layout.nodes.map((slot) => (
                <NodeView
                  key={slot.id} slot={slot} r={layout.nodeRadius} detail={layout.detail} nodeCount={count}
                  selected={nodeSelected === slot.id} onSelect={onSelect} onMenu={onMenu}
                />
              ))}
            </g>
          </svg>
          {/* Moving messages live on their own composited layer, so a pill moving does not repaint the
              nodes, cards and wires underneath (which matters with 100 messages in flight). It is
              HTML: each pill is moved with `translate` (see MessageLayer). */}
          <MessageLayer layout={layout} selectedId={messageSelected} onSelect={onSelect} onMenu={onMenu} />
          <svg className="pg-svg pg-svg-drops" width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} aria-hidden="true">
            <DropMarks layout={layout} />
          </svg>
          {menu && <ContextMenu menu={menu} bounds={layout} onClose={closeMenu} />}
          <p className="pg-sr" aria-live="polite">{chosen.length > 0 ? `Chosen: ${chosen.join(', ')}` : ''}</p>
        </div>
      ) : (
        <p className="pg-loading">Starting the simulation…</p>
      )}
    </div>
  );
}
