import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewsStore } from './views-store';

/** The name of a view: a saved view's own name, a built-in one's translation, else its id. */
export function useViewName(): (viewId: string) => string {
  const { t, i18n } = useTranslation();
  const views = useViewsStore((s) => s.views);
  return useCallback(
    (viewId: string) => {
      const saved = views.find((view) => view.id === viewId)?.name;
      if (saved) return saved;
      const key = `views.${viewId}`;
      return i18n.exists(key) ? t(key as 'views.all') : viewId;
    },
    [t, i18n, views],
  );
}
