/** What the address remembers, so a reload comes back to the same view and ticket. */
export interface WorkspaceLocation {
  viewId: string | null;
  ticketId: string | null;
}

/** Reads `#view=<id>&ticket=<id>` from the address. */
export function readLocation(): WorkspaceLocation {
  const params = new URLSearchParams(window.location.hash.slice(1));
  return { viewId: params.get('view'), ticketId: params.get('ticket') };
}

/** Writes the location into the address without adding a history entry per click. */
export function writeLocation(location: WorkspaceLocation): void {
  const params = new URLSearchParams();
  if (location.viewId) params.set('view', location.viewId);
  if (location.ticketId) params.set('ticket', location.ticketId);
  const hash = params.toString();
  history.replaceState(null, '', hash ? `#${hash}` : window.location.pathname + window.location.search);
}
