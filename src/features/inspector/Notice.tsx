import { useSim, useSimActions } from '../../store/react';
import './inspector.css';

/** The last command the simulation refused (e.g. "A is not crashed"), as a dismissible alert. */
export function Notice() {
  const notice = useSim((s) => s.notice);
  const { dismissNotice } = useSimActions();
  if (!notice) return null;
  return (
    <div className="insp-notice" role="alert">
      <span className="insp-notice-icon" aria-hidden="true">!</span>
      <span className="insp-notice-text"><strong>Not done: </strong>{notice}</span>
      <button type="button" className="insp-notice-close" onClick={dismissNotice} aria-label="Dismiss message">
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
