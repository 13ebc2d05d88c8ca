// Placeholder: Share link, export and import of scenario files land here.
export function ShareMenu() {
  return null;
}
