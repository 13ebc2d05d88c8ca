import type { ReactNode } from 'react';
import type { RunConfig } from '../../src/worker/protocol';
import { SimContext, type SimBinding } from '../../src/store/react';
import { createSimStore, receiveFrame, type SimActions, type SimStore } from '../../src/store/simStore';
import { Engine } from '../../src/worker/engine';
import { exportScenario, loadScenario } from '../../src/worker/scenarioIO';

/**
 * A real engine running in-process (no worker, synchronous), wired to a real store, for component
 * tests. `sim` has the same shape as the app's actions; every call is also recorded in `calls`.
 */
export function createHarness(config: RunConfig = {}) {
  const store: SimStore = createSimStore();
  const engine = new Engine({ ...store.getState().config, ...config }, (f) => receiveFrame(store, f));
  store.setState({ config: { ...store.getState().config, ...config } });
  const calls: string[] = [];
  const log = (name: string) => calls.push(name);
  const sim: SimActions = {
    async dispatch(cmd) {
      log(`dispatch:${cmd.type}`);
      const r = engine.dispatch(cmd);
      store.setState({ notice: r.ok ? null : r.error });
      return r.ok;
    },
    play: () => { log('play'); engine.play(); },
    pause: () => { log('pause'); engine.pause(); },
    togglePlay: () => { log('togglePlay'); if (engine.isPlaying) engine.pause(); else engine.play(); },
    setSpeed: (s) => { log(`setSpeed:${s}`); engine.setSpeed(s); },
    step: () => { log('step'); engine.step(); },
    stepPhase: () => { log('stepPhase'); engine.stepPhase(); },
    reset: (c) => { log('reset'); const next = { ...store.getState().config, ...c }; store.setState({ config: next, selection: null, notice: null }); engine.reset(next); },
    select: (selection) => { log('select'); store.setState({ selection }); },
    dismissNotice: () => store.setState({ notice: null }),
    seek: (p) => { log(`seek:${p}`); engine.seek(p); },
    seekToTime: (t) => { log(`seekToTime:${t}`); engine.seekToTime(t); },
    stepBack: () => { log('stepBack'); engine.stepBack(); },
    hover: (hover) => { if (store.getState().hover !== hover) store.setState({ hover }); },
    async loadScenario(scenario, position, source) {
      log('loadScenario');
      const r = loadScenario(engine, scenario, position);
      if (!r.ok) store.setState({ banner: { tone: 'error', text: `${source} could not be replayed: ${r.error}. Your current run is unchanged.` } });
      return r.ok;
    },
    exportScenario: async () => { log('exportScenario'); return exportScenario(engine); },
    exportRun: async () => { log('exportRun'); return engine.exportRun(); },
    showBanner: (banner) => store.setState({ banner }),
  };
  engine.publish();
  const binding: SimBinding = { store, actions: sim };
  const wrapper = ({ children }: { children: ReactNode }) => <SimContext.Provider value={binding}>{children}</SimContext.Provider>;
  return { store, engine, sim, calls, wrapper };
}
