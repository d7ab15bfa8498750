import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDialogStore } from '../../components/dialog-store';
import { useTeamStore } from '../team/team-store';
import { signInErrorField, signInErrorText, stateText, syncErrorText } from './sync-text';
import { isSignedIn, useSyncStore } from './sync-store';

/** Who is signed in, for the settings: the agent's name once the team knows it, else the e-mail typed. */
function useSignedInName(accountId: string | null): string | null {
  const agent = useTeamStore((s) => (accountId === null ? undefined : s.agents.get(accountId)));
  const email = useSyncStore((s) => s.signedInEmail);
  if (agent) return `${agent.name} <${agent.email}>`;
  return email;
}

/** The sign-in form: the backend's address, e-mail and password. */
function SignInForm({ initialUrl }: { initialUrl: string }) {
  const { t } = useTranslation();
  const id = useId();
  const signIn = useSyncStore((s) => s.signIn);
  const signingIn = useSyncStore((s) => s.signingIn);
  const error = useSyncStore((s) => s.signInError);
  const clearError = useSyncStore((s) => s.clearSignInError);
  const [url, setUrl] = useState(initialUrl);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errorField = error ? signInErrorField(error) : null;
  const errorId = `${id}-error`;
  const described = (field: 'url' | 'email' | 'password', hint?: string) => {
    const ids = [hint, errorField === field ? errorId : undefined].filter(Boolean).join(' ');
    return ids === '' ? undefined : ids;
  };

  return (
    <form
      className="form settings-sign-in"
      noValidate
      aria-label={t('settings.signIn')}
      onSubmit={(event) => {
        event.preventDefault();
        void signIn({ url: url.trim(), email: email.trim(), password }).then((ok) => {
          if (ok) setPassword('');
        });
      }}
    >
      <div className="form-field">
        <label htmlFor={`${id}-url`}>{t('settings.url')}</label>
        <input
          id={`${id}-url`}
          type="url"
          className="wide-input"
          value={url}
          autoComplete="url"
          spellCheck={false}
          data-autofocus={initialUrl === '' ? true : undefined}
          aria-invalid={errorField === 'url' || undefined}
          aria-describedby={described('url', `${id}-url-hint`)}
          onChange={(event) => {
            setUrl(event.target.value);
            clearError();
          }}
        />
        <p id={`${id}-url-hint`} className="field-hint muted">
          {t('settings.urlHint')}
        </p>
      </div>
      <div className="form-row">
        <div className="form-field grow">
          <label htmlFor={`${id}-email`}>{t('settings.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            value={email}
            autoComplete="username"
            spellCheck={false}
            data-autofocus={initialUrl !== '' ? true : undefined}
            aria-invalid={errorField === 'email' || undefined}
            aria-describedby={described('email')}
            onChange={(event) => {
              setEmail(event.target.value);
              clearError();
            }}
          />
        </div>
        <div className="form-field grow">
          <label htmlFor={`${id}-password`}>{t('settings.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            value={password}
            autoComplete="current-password"
            aria-invalid={errorField === 'password' || undefined}
            aria-describedby={described('password')}
            onChange={(event) => {
              setPassword(event.target.value);
              clearError();
            }}
          />
        </div>
      </div>
      {error && (
        <p role="alert" className="alert" id={errorId}>
          {signInErrorText(t, error, url.trim())}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" className="button primary" disabled={signingIn}>
          {signingIn ? t('settings.signingIn') : t('settings.signIn')}
        </button>
      </div>
    </form>
  );
}

/** Settings: the team backend (sign in and out, who is signed in) and the "work offline" switch. */
export function SettingsDialog() {
  const { t } = useTranslation();
  const id = useId();
  const close = useDialogStore((s) => s.close);
  const status = useSyncStore((s) => s.status);
  const actionError = useSyncStore((s) => s.actionError);
  const signOut = useSyncStore((s) => s.signOut);
  const setOnline = useSyncStore((s) => s.setOnline);
  const signedIn = isSignedIn(status);
  const name = useSignedInName(signedIn ? (status?.accountId ?? null) : null);

  return (
    <Dialog title={t('settings.title')} onClose={close} closeLabel={t('common.close')} className="settings">
      <section className="settings-section" aria-labelledby={`${id}-backend`}>
        <h3 id={`${id}-backend`} className="form-section">
          {t('settings.backend')}
        </h3>
        {signedIn && status ? (
          <div className="settings-account">
            <p className="settings-who">{t('settings.signedInAs', { name: name ?? status.accountId })}</p>
            <p className="muted">{t('settings.signedInAt', { url: status.backendUrl })}</p>
            <div className="dialog-actions">
              <button type="button" className="button" onClick={() => void signOut()}>
                {t('settings.signOut')}
              </button>
            </div>
          </div>
        ) : (
          <>
            <p className="muted">{status?.accountId ? t('settings.signedOut') : t('settings.notSignedIn')}</p>
            <SignInForm initialUrl={status?.backendUrl ?? ''} />
          </>
        )}
      </section>
      <section className="settings-section" aria-labelledby={`${id}-sync`}>
        <h3 id={`${id}-sync`} className="form-section">
          {t('settings.syncLegend')}
        </h3>
        {status && (
          <p>
            {t('settings.state', { state: stateText(t, status.state) })}
            {status.error && status.state !== 'online' && status.state !== 'syncing' && <> {syncErrorText(t, status.error)}</>}
          </p>
        )}
        <div className="settings-switch">
          <input
            id={`${id}-offline`}
            type="checkbox"
            role="switch"
            checked={status?.workOffline ?? false}
            disabled={!status}
            aria-describedby={`${id}-offline-hint`}
            onChange={(event) => void setOnline(!event.target.checked)}
          />
          <label htmlFor={`${id}-offline`}>{t('settings.workOffline')}</label>
        </div>
        <p id={`${id}-offline-hint`} className="field-hint muted">
          {t('settings.workOfflineHint')}
        </p>
        {actionError && <ErrorAlert error={actionError} />}
      </section>
    </Dialog>
  );
}
