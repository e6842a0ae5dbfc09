import { createContext, useContext } from 'react';
import type { Session } from './api.js';

export interface SessionState {
  session: Session;
  /** Log out on the server, forget the session and go to the login page. */
  logout: () => Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

/** The logged-in session. Only use inside pages that require a login. */
export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession used outside a logged-in page');
  return state;
}
