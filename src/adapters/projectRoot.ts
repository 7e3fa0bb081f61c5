import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding package.json and cards/, whether we run from src/ (tsx) or dist/src/ (compiled). */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'cards'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`SETUP.NO_PROJECT_ROOT: no package.json with cards/ above ${from}`);
    dir = parent;
  }
}
