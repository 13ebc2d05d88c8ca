// The event log: the run in plain language.
export { EventLog, type EventLogProps } from './EventLog';
