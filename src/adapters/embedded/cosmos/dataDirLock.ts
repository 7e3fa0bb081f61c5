import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * One process per embedded data directory: two servers replaying and appending the same journal would
 * corrupt it. The lock file holds the owner's pid; a lock left by a process that no longer runs (kill -9)
 * is taken over.
 */
export async function lockDataDirectory(directory: string): Promise<{ release(): Promise<void> }> {
  const file = path.join(directory, 'LOCK');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await fs.open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => fs.rm(file, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number((await fs.readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new Error(`EMBEDDED.DATA_DIR_IN_USE: ${path.dirname(directory)} is in use by process ${owner}; stop it (or set DATA_DIR to another directory)`);
      }
      await fs.rm(file, { force: true });
    }
  }
  throw new Error(`EMBEDDED.DATA_DIR_LOCK: could not lock ${directory}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
