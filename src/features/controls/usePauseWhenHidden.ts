import { useEffect } from 'react';
import { useSimBinding } from '../../store/react';

/**
 * Pause the play clock when the tab is hidden: a run should not race ahead (or burn battery) while
 * nobody is watching. Playback stays paused when the tab comes back; the user presses Play.
 */
export function usePauseWhenHidden(): void {
  const { store, actions } = useSimBinding();
  useEffect(() => {
    const onChange = () => {
      if (document.visibilityState === 'hidden' && store.getState().frame?.playing) actions.pause();
    };
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, [store, actions]);
}
