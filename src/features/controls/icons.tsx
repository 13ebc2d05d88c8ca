import type { ReactElement } from 'react';

// Small stroke icons (24-unit grid, currentColor). Always decorative: every button also has a text
// label, so the icons are hidden from assistive technology.

const PATHS: Record<string, ReactElement> = {
  play: <path d="M7 4.5v15l12.5-7.5z" fill="currentColor" stroke="none" />,
  pause: <><rect x="6" y="4.5" width="4" height="15" rx="1" fill="currentColor" stroke="none" /><rect x="14" y="4.5" width="4" height="15" rx="1" fill="currentColor" stroke="none" /></>,
  step: <><path d="M5 5v14l10-7z" fill="currentColor" stroke="none" /><path d="M18.5 5v14" /></>,
  phase: <><path d="M3 5v14l8-7z" fill="currentColor" stroke="none" /><path d="M11 5v14l8-7z" fill="currentColor" stroke="none" /><path d="M21 5v14" /></>,
  restart: <><path d="M4 12a8 8 0 1 0 2.3-5.6" /><path d="M4 4v4.5h4.5" /></>,
  dice: <><rect x="4" y="4" width="16" height="16" rx="3" /><circle cx="9" cy="9" r="1.3" fill="currentColor" /><circle cx="15" cy="15" r="1.3" fill="currentColor" /><circle cx="15" cy="9" r="1.3" fill="currentColor" /><circle cx="9" cy="15" r="1.3" fill="currentColor" /></>,
  split: <><path d="M12 3v5" /><path d="M12 16v5" /><path d="M8 12h8" strokeDasharray="2 2" /><path d="M5 8l-2 4 2 4" /><path d="M19 8l2 4-2 4" /></>,
  heal: <><path d="M9.5 14.5l5-5" /><path d="M11 6.5l1.8-1.8a4 4 0 0 1 5.6 5.6L16.6 12" /><path d="M13 17.5l-1.8 1.8a4 4 0 0 1-5.6-5.6L7.4 12" /></>,
  back: <><path d="M19 5v14L9 12z" fill="currentColor" stroke="none" /><path d="M5.5 5v14" /></>,
  start: <><path d="M20 5v14l-7-7z" fill="currentColor" stroke="none" /><path d="M13 5v14l-7-7z" fill="currentColor" stroke="none" /><path d="M4 5v14" /></>,
  end: <><path d="M4 5v14l7-7z" fill="currentColor" stroke="none" /><path d="M11 5v14l7-7z" fill="currentColor" stroke="none" /><path d="M20 5v14" /></>,
  slower: <path d="M6 12h12" />,
  faster: <><path d="M6 12h12" /><path d="M12 6v12" /></>,
  keyboard: <><rect x="3" y="6" width="18" height="12" rx="2" /><path d="M7 10h.01M11 10h.01M15 10h.01M7 14h10" /></>,
};

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="ctl-icon" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor"
      strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {PATHS[name]}
    </svg>
  );
}
