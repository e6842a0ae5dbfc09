import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, errorMessage, isAbort, type DemoHint, type Session } from '../api.js';
import { Alert, Button, FormField, Heading, Paragraph, Textbox } from '../components/index.js';
import { usePageTitle } from '../hooks.js';

export interface LoginPageProps {
  onLoggedIn: (session: Session) => void;
}

export function LoginPage({ onLoggedIn }: LoginPageProps) {
  usePageTitle('Inloggen');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [hint, setHint] = useState<DemoHint | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    api.demoHint(controller.signal).then(setHint, (cause: unknown) => {
      if (!isAbort(cause)) setHint({ demo: false }); // the hint is a nicety; never block login on it
    });
    return () => controller.abort();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setError('Vul uw gebruikersnaam en wachtwoord in.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await api.login(username.trim(), password);
      onLoggedIn(session);
    } catch (cause) {
      setPassword('');
      setError(errorMessage(cause));
      setBusy(false);
    }
  }

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const invalid = error !== null;

  return (
    <div className="koers-login">
      <div className="koers-login__card">
        <Heading level={1}>Inloggen bij Koers</Heading>
        <Paragraph>Log in met uw gebruikersnaam en wachtwoord van de gemeente.</Paragraph>

        {hint?.demo ? (
          <Alert type="info" className="koers-login__hint" data-testid="demo-hint">
            <Paragraph>
              <strong>Demo:</strong> log in met gebruikersnaam <code className="koers-code">{hint.username}</code> en
              wachtwoord <code className="koers-code">{hint.password}</code>.
            </Paragraph>
            {hint.text ? <Paragraph small>{hint.text}</Paragraph> : null}
          </Alert>
        ) : null}

        {error ? (
          <div ref={errorRef} tabIndex={-1} className="koers-focus-target">
            <Alert type="error" live>
              <Paragraph>{error}</Paragraph>
            </Alert>
          </div>
        ) : null}

        <form className="koers-form" onSubmit={submit} noValidate>
          <FormField htmlFor="login-username" label="Gebruikersnaam" invalid={invalid}>
            <Textbox
              id="login-username"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              invalid={invalid}
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          </FormField>
          <FormField htmlFor="login-password" label="Wachtwoord" invalid={invalid}>
            <Textbox
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              invalid={invalid}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </FormField>
          <div className="koers-form__actions">
            <Button type="submit" appearance="primary-action" busy={busy} disabled={busy}>
              Inloggen
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}
