import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** The translated name of a view; a view we have no words for shows its id. */
export function useViewName(): (viewId: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (viewId: string) => {
      const key = `views.${viewId}`;
      return i18n.exists(key) ? t(key as 'views.all') : viewId;
    },
    [t, i18n],
  );
}
