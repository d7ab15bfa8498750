import { stmt, type Db } from '../db';
import type { Macro } from '../../../shared/domain/macro';

/** A macro as stored; fields (the ticket patch it applies) are JSON. */
export interface MacroDbRow {
  id: string;
  name: string;
  body: string;
  kind: string;
  fields: string;
  language: string | null;
  updated_at: number;
}

const COLUMNS = 'id, name, body, kind, fields, language, updated_at';

export function macroFromRow(row: MacroDbRow): Macro {
  return {
    id: row.id,
    name: row.name,
    body: row.body,
    kind: row.kind as Macro['kind'],
    fields: JSON.parse(row.fields) as Macro['fields'],
    language: row.language,
    updatedAt: row.updated_at,
  };
}

export function macroToRow(macro: Macro): MacroDbRow {
  return {
    id: macro.id,
    name: macro.name,
    body: macro.body,
    kind: macro.kind,
    fields: JSON.stringify(macro.fields),
    language: macro.language,
    updated_at: macro.updatedAt,
  };
}

export function insertMacro(db: Db, macro: Macro): void {
  stmt<[MacroDbRow]>(
    db,
    `INSERT INTO macros (${COLUMNS}) VALUES (@id, @name, @body, @kind, @fields, @language, @updated_at)`,
  ).run(macroToRow(macro));
}

/** The live macros, by language then name. */
export function listMacros(db: Db): Macro[] {
  return stmt<[], MacroDbRow>(
    db,
    `SELECT ${COLUMNS} FROM macros WHERE deleted_at IS NULL ORDER BY language, name COLLATE NOCASE, id`,
  )
    .all()
    .map(macroFromRow);
}

export function getMacro(db: Db, id: string): Macro | undefined {
  const row = stmt<[string], MacroDbRow>(db, `SELECT ${COLUMNS} FROM macros WHERE id = ? AND deleted_at IS NULL`).get(id);
  return row && macroFromRow(row);
}

/** Whether the store holds any macro row, live or tombstoned. */
export function hasMacros(db: Db): boolean {
  return stmt(db, 'SELECT 1 FROM macros LIMIT 1').get() !== undefined;
}
