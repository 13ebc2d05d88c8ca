/** `?embed=1`: just the graph, the controls and the timeline, for an iframe in a slide or a blog post. */
export function isEmbed(search: string): boolean {
  const v = new URLSearchParams(search).get('embed');
  return v !== null && v !== '0' && v !== 'false';
}
