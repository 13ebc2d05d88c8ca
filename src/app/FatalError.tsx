/** Shown when the simulation worker itself fails: never a frozen or blank page. */
export function FatalError({ message, onRestart }: { message: string; onRestart: () => void }) {
  return (
    <div className="app-fatal" role="alert">
      <strong>The simulation stopped unexpectedly.</strong>
      <span className="app-fatal-detail">{message}</span>
      <button type="button" onClick={onRestart}>Restart the simulation</button>
    </div>
  );
}
