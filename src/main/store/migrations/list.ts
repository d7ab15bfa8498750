import { migration001 } from './001-initial';
import { migration002 } from './002-search';
import { migration003 } from './003-workspace';
import { migration004 } from './004-sync';
import { migration005 } from './005-view-indexes';
import { migration006 } from './006-escalation-matrix';

/** A numbered schema step; `version` is the `user_version` the store has after it. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006];

/** The schema version this build of the app writes. */
export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
