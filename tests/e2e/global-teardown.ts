import fs from 'node:fs';

/** Removes the store the browser host used for this run. */
export default function globalTeardown(): void {
  const dataDir = process.env.SC_E2E_DATA_DIR;
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
