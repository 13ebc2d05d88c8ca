// Placeholder: the space-time (Lamport) diagram lands here.
export function SpaceTimeDiagram() {
  return null;
}
