/** The customer pane's collapse control, filled in by the workspace that owns the panel. */
export const paneControls: { toggleCustomer: () => void; expandCustomer: () => void } = {
  toggleCustomer: () => undefined,
  expandCustomer: () => undefined,
};
