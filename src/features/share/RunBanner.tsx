import { useSim, useSimActions } from '../../store/react';
import { bannerAction } from './runState';
import './share.css';

/**
 * A message about the run as a whole: a share link or a file that was opened (info), or one that
 * could not be (error), with at most one action ("Back to your previous run") and a close button.
 * Its text may quote a title or a file name from untrusted input: it is rendered as text only.
 */
export function RunBanner() {
  const banner = useSim((s) => s.banner);
  const { showBanner } = useSimActions();
  if (!banner) return null;
  const action = bannerAction(banner);
  const error = banner.tone === 'error';
  return (
    <div className={`share-banner share-banner-${banner.tone}`} role={error ? 'alert' : 'status'}>
      <span className="share-banner-icon" aria-hidden="true">{error ? '!' : 'i'}</span>
      <div className="share-banner-body">
        <p className="share-banner-text">{banner.text}</p>
        {action && (
          <button type="button" className="share-btn share-banner-action" onClick={() => {
            showBanner(null);
            action.run();
          }}>{action.label}</button>
        )}
      </div>
      <button type="button" className="share-close" aria-label="Close this message" onClick={() => showBanner(null)}>
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
