import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { loadScenarioCodec } from '../../scenario/lazy';
import { MAX_LINK_LENGTH, MAX_LINK_POSITION, MAX_SCENARIO_STEPS } from '../../scenario/limits';
import { useSim, useSimBinding } from '../../store/react';
import { downloadText, EXPORT_FILE_NAME, readScenarioFile, shortName } from './files';
import { backAction, openRun, quotedTitle, type RunSnapshot } from './openRun';
import { getRunMeta, withRunMeta } from './runState';
import './share.css';

// Share, Export and Import: three header buttons. Share copies a link that replays the whole run
// and opens at the moment on screen; Export downloads the run as a scenario file; Import opens one.
// Everything that comes from a link or a file is shown as text, never as HTML.

type Copy = 'copying' | 'copied' | 'manual';

type ShareState =
  | { readonly kind: 'working' }
  | { readonly kind: 'error'; readonly text: string }
  | {
    readonly kind: 'link'; readonly url: string; readonly copy: Copy;
    readonly position: number; readonly length: number; readonly traceHash: string;
  };

/** The page's address without its hash, for the link's base: same origin, path and query. */
export function shareBase(href: string): string {
  const i = href.indexOf('#');
  return i < 0 ? href : href.slice(0, i);
}

async function copyText(text: string): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // denied, no user activation, or an insecure context
  }
}

export function ShareMenu() {
  const binding = useSimBinding();
  const { store, actions } = binding;
  const ready = useSim((s) => s.status === 'ready' && s.frame !== null);
  const [share, setShare] = useState<ShareState | null>(null);
  const [status, setStatus] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const shareButton = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const snapshot = useCallback(async (): Promise<RunSnapshot | null> => {
    const r = await actions.exportScenario();
    return r.ok ? { scenario: withRunMeta(r.scenario, getRunMeta(store)), position: r.position } : null;
  }, [actions, store]);

  const onShare = async () => {
    if (share) {
      setShare(null);
      return;
    }
    const before = store.getState().frame;
    if (before && before.length > MAX_SCENARIO_STEPS) {
      setShare({ kind: 'error', text: `This run is too long to share: it has ${before.length} steps, and a link replays at most ${MAX_SCENARIO_STEPS}. Restart the run, or share a shorter one.` });
      return;
    }
    // Share the moment on screen: stop the clock first (the export runs after the pause).
    if (before?.playing) actions.pause();
    setShare({ kind: 'working' });
    const r = await actions.exportScenario();
    if (!r.ok) {
      setShare({ kind: 'error', text: `This run cannot be shared: ${r.error}.` });
      return;
    }
    const { encodeLink } = await loadScenarioCodec();
    const url = shareBase(window.location.href) + encodeLink(withRunMeta(r.scenario, getRunMeta(store)), Math.min(r.position, MAX_LINK_POSITION));
    if (url.length > MAX_LINK_LENGTH) {
      setShare({ kind: 'error', text: `This run is too long for a link (${url.length} characters). Use Export to save it as a file, and send the file instead.` });
      return;
    }
    const length = Math.max(store.getState().frame?.length ?? 0, r.position);
    const base = { kind: 'link', url, position: r.position, length, traceHash: r.traceHash } as const;
    setShare({ ...base, copy: 'copying' });
    const copied = await copyText(url);
    setShare((s) => (s?.kind === 'link' && s.url === url ? { ...base, copy: copied ? 'copied' : 'manual' } : s));
  };

  const onExport = async () => {
    const snap = await snapshot();
    if (!snap) {
      actions.showBanner({ tone: 'error', text: 'This run could not be exported. Your current run is unchanged.' });
      return;
    }
    const { formatScenario } = await loadScenarioCodec();
    downloadText(EXPORT_FILE_NAME, formatScenario(snap.scenario));
    setStatus(`Saved the run as ${EXPORT_FILE_NAME}.`);
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // picking the same file again must fire change again
    if (!file) return;
    const name = shortName(file.name);
    const read = await readScenarioFile(file);
    if (!read.ok) {
      actions.showBanner({ tone: 'error', text: `${read.error} Your current run is unchanged.` });
      return;
    }
    const { parseScenario } = await loadScenarioCodec();
    const parsed = parseScenario(read.text);
    if (!parsed.ok) {
      const detail = parsed.error.length > 300 ? `${parsed.error.slice(0, 300)}…` : parsed.error;
      actions.showBanner({ tone: 'error', text: `“${name}” is not a valid Paxoscope scenario: ${detail}. Your current run is unchanged.` });
      return;
    }
    const previous = await snapshot();
    const title = quotedTitle(parsed.scenario);
    await openRun(binding, { scenario: parsed.scenario, position: null }, {
      source: `“${name}”`,
      banner: (where) => `Opened${title || ' the scenario'} from the file “${name}”${where ? ` — ${where}` : ''}.`,
      action: backAction(binding, previous),
    });
  };

  // Close the popover on Escape (focus back to Share) and on a click or tap outside the menu.
  useEffect(() => {
    if (!share) return;
    const onPointer = (e: PointerEvent) => {
      if (e.target instanceof Node && menu.current?.contains(e.target)) return;
      setShare(null);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [share]);

  const close = () => {
    setShare(null);
    shareButton.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && share) {
      e.stopPropagation();
      close();
    }
  };

  return (
    <div className="share-menu" role="group" aria-label="Share and save" ref={menu} onKeyDown={onKeyDown}>
      <button type="button" className="share-btn share-btn-primary" ref={shareButton} disabled={!ready}
        aria-expanded={share !== null} aria-haspopup="dialog" title="Copy a link that opens this run at this moment"
        onClick={() => void onShare()}>
        <ShareIcon />
        <span>Share</span>
      </button>
      <button type="button" className="share-btn" disabled={!ready} title="Download this run as a scenario file (JSON)"
        onClick={() => void onExport()}>
        Export
      </button>
      <button type="button" className="share-btn" disabled={!ready} title="Open a scenario file (JSON)"
        onClick={() => fileInput.current?.click()}>
        Import
      </button>
      <input ref={fileInput} type="file" accept=".json,application/json" className="share-file" tabIndex={-1}
        aria-label="Scenario file to import" onChange={(e) => void onFile(e)} />
      <span className="share-sr" role="status">{status}</span>
      {share && <SharePopover state={share} onClose={close} onCopy={async (url) => {
        const copied = await copyText(url);
        setShare((s) => (s?.kind === 'link' && s.url === url ? { ...s, copy: copied ? 'copied' : 'manual' } : s));
      }} />}
    </div>
  );
}

function SharePopover({ state, onClose, onCopy }: { state: ShareState; onClose: () => void; onCopy: (url: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const copy = state.kind === 'link' ? state.copy : null;
  // Show the link selected as soon as it is there, and again when copying failed (copy it by hand):
  // in the same commit as the message that says so (a layout effect), never a frame later.
  useLayoutEffect(() => {
    if (copy === 'copying' || copy === 'manual') {
      input.current?.focus();
      input.current?.select();
    }
  }, [copy]);

  return (
    <div className="share-pop" role="dialog" aria-labelledby={titleId}>
      <div className="share-pop-head">
        <h2 className="share-pop-title" id={titleId}>Share this run</h2>
        <button type="button" className="share-close" aria-label="Close" onClick={onClose}><span aria-hidden="true">✕</span></button>
      </div>
      {state.kind === 'working' && <p className="share-pop-status" role="status">Making the link…</p>}
      {state.kind === 'error' && <p className="share-pop-error" role="alert">{state.text}</p>}
      {state.kind === 'link' && (
        <>
          <p className="share-pop-intro">Anyone who opens this link sees this run, replayed step by step, at this moment.</p>
          <div className="share-pop-row">
            <input ref={input} className="share-url" type="text" readOnly value={state.url} aria-label="Link to this run"
              spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="share-btn" onClick={() => onCopy(state.url)}>Copy</button>
          </div>
          <p className={`share-pop-status${state.copy === 'manual' ? ' share-pop-manual' : ''}`} role="status">
            {state.copy === 'copied' && <><span aria-hidden="true">✓ </span>Link copied — paste it anywhere.</>}
            {state.copy === 'manual' && 'Your browser did not let Paxoscope copy it: the link above is selected, copy it yourself.'}
            {state.copy === 'copying' && 'Copying…'}
          </p>
          <p className="share-pop-meta">
            <span>{state.url.length.toLocaleString('en-US')} characters</span>
            <span>Opens at step {state.position} of {state.length}</span>
            <span>Run fingerprint <code className="share-hash">{state.traceHash}</code></span>
          </p>
        </>
      )}
    </div>
  );
}

function ShareIcon() {
  return (
    <svg className="share-icon" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2"
      strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M10 14a4.5 4.5 0 0 0 6.4 0l3.2-3.2a4.5 4.5 0 0 0-6.4-6.4L11.8 5.8" />
      <path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3.2 3.2a4.5 4.5 0 0 0 6.4 6.4l1.4-1.4" />
    </svg>
  );
}
