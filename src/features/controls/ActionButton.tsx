import { selectionContext, type Action } from '../../actions/registry';
import { useSimBinding } from '../../store/react';
import { ariaKeys } from './availability';
import { Icon, type IconName } from './icons';
import { TipButton } from './TipButton';

interface ActionButtonProps {
  readonly action: Action;
  readonly available: boolean;
  readonly icon?: IconName;
  /** Overrides the registry label (e.g. "Pause" while playing). */
  readonly label?: string;
  /** Icon-only look (the label stays the accessible name). */
  readonly compact?: boolean;
  /** Shown in the tooltip while disabled: why the action cannot run now. */
  readonly whyDisabled?: string;
  readonly variant?: 'primary' | 'plain';
}

/**
 * A toolbar button generated from a registry action: its label is the accessible name, its
 * description and shortcut are the tooltip, it is disabled when the action is not available, and it
 * runs the action with the state at the moment of the click.
 */
export function ActionButton({ action, available, icon, label, compact, whyDisabled, variant = 'plain' }: ActionButtonProps) {
  const { store, actions } = useSimBinding();
  return (
    <TipButton
      className={`ctl-btn ctl-btn-${variant}${compact ? ' ctl-btn-compact' : ''}`}
      tip={action.description} shortcut={action.shortcut} whyDisabled={whyDisabled}
      disabled={!available}
      aria-keyshortcuts={ariaKeys(action)}
      data-action={action.id}
      onClick={() => {
        const ctx = selectionContext(store.getState(), actions);
        if (action.available(ctx)) action.run(ctx);
      }}
    >
      {icon && <Icon name={icon} />}
      <span className="ctl-btn-label">{label ?? action.label}</span>
    </TipButton>
  );
}
