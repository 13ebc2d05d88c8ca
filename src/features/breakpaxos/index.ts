// "Break Paxos": the menu of broken rules, the chip that names the broken rule of the run on screen,
// and the correct-rules comparison run.
export { BreakPaxos } from './BreakPaxos';
