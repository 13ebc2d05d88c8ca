import { useId, useState, type ButtonHTMLAttributes, type ReactNode } from 'react';

interface TipButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-describedby'> {
  /** Tooltip text: what the button does. Shown on hover and keyboard focus, and read as its description. */
  readonly tip: ReactNode;
  readonly shortcut?: string;
  /** Shown under the tip while the button is disabled: why it cannot be used now. */
  readonly whyDisabled?: string;
}

/** A button with a tooltip that also works for keyboard users (focus) and screen readers (aria-describedby). */
export function TipButton({ tip, shortcut, whyDisabled, type = 'button', children, ...rest }: TipButtonProps & { children?: ReactNode }) {
  const tipId = useId();
  // A click hides the tip until the pointer leaves, so it never covers what the click changed.
  const [quiet, setQuiet] = useState(false);
  return (
    <span className={`ctl-tip-wrap${quiet ? ' ctl-tip-quiet' : ''}`} onPointerDown={() => setQuiet(true)} onPointerLeave={() => setQuiet(false)}>
      <button type={type} aria-describedby={tipId} {...rest}>{children}</button>
      <span role="tooltip" id={tipId} className="ctl-tip">
        {tip}
        {shortcut && <> <span className="ctl-tip-key">Shortcut: <kbd>{shortcut}</kbd></span></>}
        {rest.disabled && whyDisabled && <span className="ctl-tip-why">{whyDisabled}</span>}
      </span>
    </span>
  );
}
