import v8 from 'node:v8';
import vm from 'node:vm';

/** Process memory in MB: as found, and heapUsed again after a forced full GC (what is really retained). */
export interface MemoryFigures {
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly heapUsedAfterGcMb: number;
}

let forceGc: (() => void) | undefined;
function gc(): void {
  if (!forceGc) {
    v8.setFlagsFromString('--expose-gc');
    forceGc = vm.runInNewContext('gc') as () => void;
  }
  forceGc();
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export function memoryNow(): MemoryFigures {
  const before = process.memoryUsage();
  gc();
  const after = process.memoryUsage();
  return { rssMb: mb(before.rss), heapUsedMb: mb(before.heapUsed), heapUsedAfterGcMb: mb(after.heapUsed) };
}
