import { useEffect, useMemo } from 'react';
import { ClientPanel, ShortcutHelp, Toolbar, useKeyboardShortcuts, usePauseWhenHidden } from '../features/controls';
import { ClusterGraph, Legend } from '../features/graph';
import { Inspector, Notice } from '../features/inspector';
import { EventLog } from '../features/log';
import { SafetyPanel } from '../features/safety';
import { SimContext, useSim, useSimBinding } from '../store/react';
import { createApp, type AppBinding } from './binding';
import { FatalError } from './FatalError';
import { GettingStarted } from './GettingStarted';
import './app.css';

// The app composes the features; features never import each other. All state lives in the store,
// fed by frames from the simulation worker.

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
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">
          <img src="./favicon.svg" alt="" width={28} height={28} />
          Paxoscope
        </h1>
        <p className="app-tagline">Single-decree Paxos, live: step it, break it, watch it stay safe.</p>
      </header>
      <Toolbar />
      <Notice />
      {fatal !== null && <FatalError message={fatal} onRestart={binding.restart} />}
      {/* Wide screens: three columns (graph | safety, client | hint, inspector, log). Phones: the
          column wrappers dissolve (display: contents) and `order` puts the inspector right under the
          graph, where the tapped node is. */}
      <main className="app-main">
        <section className="app-area app-graph" aria-label="Cluster">
          <ClusterGraph />
          <Legend />
        </section>
        <div className="app-col">
          <div className="app-area app-safety"><SafetyPanel /></div>
          <div className="app-area app-client"><ClientPanel /></div>
        </div>
        <div className="app-col">
          <div className="app-area app-hint-area"><GettingStarted /></div>
          <div className="app-area app-inspector"><Inspector /></div>
          <div className="app-area app-log"><EventLog /></div>
        </div>
      </main>
      <ShortcutHelp />
    </div>
  );
}
