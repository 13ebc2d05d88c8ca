// The Scenarios menu: every preset scenario (basic Paxos and Multi-Paxos), one line each.
export { ScenarioMenu } from './ScenarioMenu';
