// "Break Paxos": the menu of broken rules, the chip that names the broken rule of the run on screen,
// and the correct-rules comparison run (sequential, or side by side through the app).
export { BreakPaxos, type SideBySideToggle } from './BreakPaxos';
