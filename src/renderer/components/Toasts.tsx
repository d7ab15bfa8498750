import { useTranslation } from 'react-i18next';
import { useToastStore } from './toast-store';

/** The notices region: a polite live region that always exists, so screen readers hear what lands in it. */
export function Toasts() {
  const { t } = useTranslation();
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={toast.tone === 'error' ? 'toast is-error' : 'toast'}>
          <span>{t(toast.textKey, toast.params ?? {}) as string}</span>
          {toast.action && (
            <button
              type="button"
              className="button small"
              onClick={() => {
                dismiss(toast.id);
                toast.action!.run();
              }}
            >
              {t(toast.action.labelKey) as string}
            </button>
          )}
          <button type="button" className="icon-button" aria-label={t('common.dismiss')} onClick={() => dismiss(toast.id)}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ))}
    </div>
  );
}
