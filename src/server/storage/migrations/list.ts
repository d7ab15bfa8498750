import type { Migration } from '../sql-driver';
import { migration001 } from './001-initial';

/** Every migration of the backend's schema, in version order; append only. */
export const MIGRATIONS: readonly Migration[] = [migration001];
