import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { ClientPanel, ShortcutHelp, Timeline, Toolbar, useKeyboardShortcuts, usePauseWhenHidden } from '../features/controls';
import { BreakPaxos } from '../features/breakpaxos';
import { ScenarioMenu } from '../features/presets';
import { ClusterGraph, Legend } from '../features/graph';
import { Inspector, Notice } from '../features/inspector';
import { LessonCard, LessonMenu } from '../features/lessons';
import { EventLog } from '../features/log';
import { SafetyPanel } from '../features/safety';
import { RunBanner, ShareMenu } from '../features/share';
import { SpaceTimeDiagram } from '../features/spacetime';
import { VoteGrid } from '../features/votegrid';
import { SimContext, useSim, useSimBinding } from '../store/react';
import { explorerWorkerService, type ExplorerService } from '../worker/explorerClient';
import { protocolOf } from '../store/simStore';
import { createApp, type AppBinding } from './binding';
import { isEmbed } from './embed';
import { FatalError } from './FatalError';
import { GettingStarted } from './GettingStarted';
import { useSideBySide, type SideBySide } from './sideBySide';
import './app.css';

// Loaded on demand, so the first page a student sees (basic Paxos) does not wait for them: the
// Multi-Paxos workbench, and the explorer panel. (The Scenarios menu loads its presets when opened.)
const MultiMain = lazy(() => import('./MultiMain'));
const MultiGraph = lazy(() => import('../features/multi/MultiGraph').then((m) => ({ default: m.MultiGraph })));
// Side by side (a broken rule next to the correct rules) with its in-page engine, when asked for.
const Compare = lazy(() => import('./Compare'));
const ExplorerPanel = lazy(() => import('../features/explorer').then((m) => ({ default: m.ExplorerPanel })));
const loading = (what: string) => <p className="app-loading" role="status">Loading {what}…</p>;

// The app composes the features; features never import each other. All state lives in the store,
// fed by frames from the simulation worker.

/** This page without `embed` (the hash, i.e. a shared scenario, is kept). */
function fullAppHref(): string {
  const url = new URL(window.location.href);
  url.searchParams.delete('embed');
  return url.toString();
}

export function App({ binding: given }: { binding?: AppBinding }) {
  const binding = useMemo(() => given ?? createApp(window.location.search), [given]);
  useEffect(() => binding.start(), [binding]);
  return (
    <SimContext.Provider value={binding}>
      <Workbench />
    </SimContext.Provider>
  );
}

function Workbench() {
  useKeyboardShortcuts();
  usePauseWhenHidden();
  const fatal = useSim((s) => s.fatal);
  const binding = useSimBinding() as AppBinding;
  const embed = useMemo(() => isEmbed(window.location.search), []);
  const multi = useSim(protocolOf) === 'multi';
  const sideBySide = useSideBySide();
  const [chipStrip, setChipStrip] = useState<HTMLDivElement | null>(null);
  if (embed) {
    return (
      <div className="app app-embed" data-fit-height="">
        <header className="app-header">
          <h1 className="app-title">
            <img src="./favicon.svg" alt="" width={22} height={22} />
            Paxoscope
          </h1>
          <a className="app-open-full" href={fullAppHref()} target="_blank" rel="noopener">Open the full app ↗</a>
        </header>
        <RunBanner />
        <Toolbar />
        <Notice />
        {fatal !== null && <FatalError message={fatal} onRestart={binding.restart} />}
        <main className="app-embed-main">
          <section className="app-area app-graph" aria-label="Cluster">
            {multi ? <Suspense fallback={loading('Multi-Paxos')}><MultiGraph /></Suspense> : <ClusterGraph />}
            <Timeline />
          </section>
        </main>
        <ShortcutHelp />
      </div>
    );
  }
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">
          <img src="./favicon.svg" alt="" width={28} height={28} />
          Paxoscope
        </h1>
        <p className="app-tagline">{multi
          ? 'Multi-Paxos, live: one leader, a replicated log, no-ops that fill the gaps.'
          : 'Single-decree Paxos, live: step it, break it, watch it stay safe.'}</p>
        <div className="app-header-end"><LessonMenu /><ScenarioMenu /><BreakPaxos sideBySide={sideBySide} chips={chipStrip} /><ShareMenu /></div>
      </header>
      {/* The chip naming a broken rule (Break Paxos) gets the full width under the header. */}
      <div className="app-run-chips" ref={setChipStrip} />
      <RunBanner />
      <Toolbar />
      <Notice />
      {fatal !== null && <FatalError message={fatal} onRestart={binding.restart} />}
      {multi ? <Suspense fallback={loading('Multi-Paxos')}><MultiMain /></Suspense> : <BasicMain sideBySide={sideBySide} />}
      <ShortcutHelp />
    </div>
  );
}

/** The explorer worker, started on the first exploration and stopped with the workbench. */
function useExplorerService(): ExplorerService {
  const binding = useSimBinding() as Partial<AppBinding>;
  const given = binding.explorer;
  const own = useMemo(() => (given ? null : explorerWorkerService()), [given]);
  useEffect(() => () => own?.terminate(), [own]);
  return given ?? own!;
}

function BasicMain({ sideBySide }: { sideBySide: SideBySide }) {
  const explorer = useExplorerService();
  return (
    <>
      {/* Wide screens: three columns (graph, timeline, space-time diagram, legend | safety, client |
          hint, inspector, log). Phones: the column wrappers dissolve (display: contents) and `order`
          puts the inspector right under the graph and its timeline, where the tapped node is. */}
      <main className={sideBySide.variant ? 'app-main app-main-compare' : 'app-main'}>
        <div className="app-col app-col-main">
          <section className="app-area app-graph" aria-label="Cluster">
            {sideBySide.variant
              ? (
                <Suspense fallback={<ClusterGraph />}>
                  <Compare variant={sideBySide.variant} main={<ClusterGraph />} onClose={sideBySide.close} />
                </Suspense>
              )
              : <ClusterGraph />}
            <Timeline />
          </section>
          <div className="app-area app-spacetime"><SpaceTimeDiagram /></div>
          <div className="app-area app-legend"><Legend /></div>
        </div>
        <div className="app-col">
          {/* The open lesson: next to the graph, above the safety panel (the inspector it asks for stays in view). */}
          <div className="app-area app-lesson"><LessonCard /></div>
          <div className="app-area app-safety"><SafetyPanel /></div>
          <div className="app-area app-votegrid"><VoteGrid /></div>
          <div className="app-area app-client"><ClientPanel /></div>
          <div className="app-area app-explorer"><Suspense fallback={null}><ExplorerPanel service={explorer} /></Suspense></div>
        </div>
        <div className="app-col">
          <div className="app-area app-hint-area"><GettingStarted /></div>
          <div className="app-area app-inspector"><Inspector /></div>
          <div className="app-area app-log"><EventLog /></div>
        </div>
      </main>
    </>
  );
}
