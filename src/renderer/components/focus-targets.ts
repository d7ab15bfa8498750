import { useCallback } from 'react';

/** Places the keyboard can jump to; commands focus them by name, components register them. */
export type FocusTarget =
  | 'views'
  | 'list'
  | 'ticket'
  | 'composer'
  | 'status'
  | 'priority'
  | 'assignee'
  | 'group'
  | 'level'
  | 'category'
  | 'tags'
  | 'search'
  | 'bulk'
  | 'bulk-add-tags'
  | 'bulk-remove-tags'
  | 'customer';

const targets = new Map<FocusTarget, HTMLElement>();

/** A ref callback that registers the element as the named focus target while it is mounted. */
export function useFocusTarget<T extends HTMLElement>(name: FocusTarget): (element: T | null) => void {
  return useCallback(
    (element: T | null) => {
      if (element) targets.set(name, element);
      else targets.delete(name);
    },
    [name],
  );
}

/** Moves focus to the named target; answers whether it exists. */
export function focusTarget(name: FocusTarget): boolean {
  const element = targets.get(name);
  if (!element) return false;
  element.focus();
  return true;
}
