import { useRef, useState } from 'react';
import { MULTI_PRESETS, type Preset } from '../../scenario/presets';
import { loadScenarioCodec } from '../../scenario/lazy';
import { useSimActions } from '../../store/react';
import './multi.css';

// The Multi-Paxos preset scenarios (issue 5), one line each. Opening one replaces the run and shows
// it from the start, so Play or Step plays it out; End jumps to the outcome.

export function PresetMenu() {
  const sim = useSimActions();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const choose = async (p: Preset) => {
    setOpen(false);
    button.current?.focus();
    const { validateScenario } = await loadScenarioCodec();
    const parsed = validateScenario(p.scenario);
    if (!parsed.ok) {
      sim.showBanner({ tone: 'error', text: `The preset “${p.title}” is broken: ${parsed.error}` });
      return;
    }
    if (await sim.loadScenario(parsed.scenario, 0, `The preset “${p.title}”`)) {
      sim.showBanner({ tone: 'info', text: `${p.title}: ${parsed.scenario.description ?? p.blurb} — Press Play or Step to watch it; End jumps to the outcome.` });
    }
  };
  return (
    <div className="mp-presets">
      <button ref={button} type="button" className="mp-btn" aria-expanded={open} aria-controls="mp-presets-list" onClick={() => setOpen(!open)}>
        Presets ▾
      </button>
      {open && (
        <ul id="mp-presets-list" className="mp-presets-list" aria-label="Preset scenarios">
          {MULTI_PRESETS.map((p) => (
            <li key={p.id}>
              <button type="button" className="mp-preset" data-preset={p.id} onClick={() => void choose(p)}
                onKeyDown={(e) => { if (e.key === 'Escape') { setOpen(false); button.current?.focus(); } }}>
                <strong>{p.title}</strong>
                <span>{p.blurb}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
