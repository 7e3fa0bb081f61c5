import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WARD } from './activities';

/** A fictional coordinator number i (for races that need many distinct people). */
export function extraCoordinator(i: number): { id: string; name: string; aadObjectId: string } {
  const n = String(i + 1).padStart(2, '0');
  return { id: `29:extra-coord-${n}`, name: `架空コーディネーター${n}`, aadObjectId: `00000000-0000-4000-8000-0000000c00${n}` };
}

/** Writes the ward directory plus n extra coordinators to a temp file and returns its path. */
export function wardWithCoordinators(n: number): string {
  const users = [...WARD.users, ...Array.from({ length: n }, (_, i) => ({ ...extraCoordinator(i), givenName: '', surname: '', upn: `extra${i}@itabashi.example`, roles: ['coordinator'], organisation: 'coordinators' }))];
  const path = join(mkdtempSync(join(tmpdir(), 'tsunagu-ward-')), 'ward.json');
  writeFileSync(path, JSON.stringify({ ...WARD, users }));
  return path;
}
