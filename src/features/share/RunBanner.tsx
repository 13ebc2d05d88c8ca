// Placeholder: the banner for messages about the run as a whole (e.g. a link that could not be opened).
export function RunBanner() {
  return null;
}
