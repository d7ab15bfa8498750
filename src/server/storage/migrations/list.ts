import type { Migration } from '../sql-driver';
import { migration001 } from './001-initial';
import { migration002 } from './002-links-and-views';
import { migration003 } from './003-escalation-matrix';
import { migration004 } from './004-queue-index';

/** Every migration of the backend's schema, in version order; append only. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004];
