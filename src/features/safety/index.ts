// The safety panel: chosen value, learners and the invariants the monitor checks.
export { SafetyPanel, INVARIANT_TEXT } from './SafetyPanel';
