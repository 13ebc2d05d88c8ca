// Limits and messages of the scenario format that the UI needs up front. No imports: the UI's main
// bundle can use these without pulling in the validator (zod) and the link codec (lz-string),
// which are loaded on demand (see src/scenario/lazy.ts).

/** Longest hash (characters, including `#`) decodeLink looks at. */
export const MAX_LINK_LENGTH = 64 * 1024;
/** Largest position (`t=`) a link may carry. */
export const MAX_LINK_POSITION = 10_000_000;
/**
 * Most deliveries/timers one scenario may process in all. Scenarios come from files and share links
 * (untrusted), and a valid-looking one could otherwise keep a browser tab busy for minutes.
 */
export const MAX_SCENARIO_STEPS = 100_000;

export const LINK_ERRORS = {
  damaged: 'This link is incomplete or damaged — it may have been cut off when it was copied.',
  newer: 'This link was made by a newer version of Paxoscope. Open it in the latest version of Paxoscope.',
  tooLarge: 'This link is too large to open.',
  noScenario: 'This link does not contain a Paxoscope scenario.',
  invalid: "This link's scenario is not valid: ",
} as const;
