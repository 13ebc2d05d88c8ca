// Limits shared by the worker and the UI store (a module with no imports, so the UI bundle pulls in nothing else).

/** Most log entries the UI keeps, and so the most a frame carries after a seek; older ones stay in the worker's history. */
export const LOG_LIMIT = 2_000;
