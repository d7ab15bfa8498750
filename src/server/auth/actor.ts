import type { Role } from '../../shared/domain/team';

/** Who is calling: the signed-in account behind a request, as the routes and appliers see it. */
export interface Actor {
  accountId: string;
  /** The agent profile's name (accounts and agent profiles share their id). */
  name: string;
  role: Role;
  sessionId: string;
}
