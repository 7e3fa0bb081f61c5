import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { CosmosStore } from '../../src/adapters/cosmos/cosmosStore';
import { startEmbeddedCosmos } from '../../src/adapters/embedded/cosmos/embeddedCosmosServer';
import { exportData, importData } from '../../src/adapters/embedded/dataTransfer';
import { HttpServer } from '../../src/adapters/http/server';
import { memoryLogger } from '../../src/adapters/observability/logger';
import { Activities, sendToBot } from '../support/activities';
import { cardText, eventually, startHarness } from '../support/appHarness';
import { createHandoff } from '../support/flows';

async function openStore(dataDir: string) {
  const server = await startEmbeddedCosmos({ dataDir });
  const store = await CosmosStore.connect({ kind: 'key', endpoint: server.endpoint, key: server.key, rejectUnauthorized: false }, 'tsunagu', true);
  return { store, close: async () => (store.dispose(), await server.close()) };
}

describe('component: operations — export/import, data directory lock, readiness and graceful shutdown', function () {
  this.timeout(60_000);

  it('when all data is exported and imported into an empty data directory, then the case is there, and importing again is refused', async () => {
    const h = await startHarness();
    const { code } = await createHandoff(h, { childName: '架空 移', childNameKana: 'かくう うつり', birthDate: '2020-02-02', careItems: 'NEB', familyNeeds: '（架空）', urgency: 'normal' });
    await h.app.outbox.idle();
    await h.stop({ keepData: true });

    const file = join(mkdtempSync(join(tmpdir(), 'tsunagu-export-')), 'export.jsonl');
    const source = await openStore(h.dataDir);
    const exported = await exportData(source.store, file, new Date());
    await source.close();
    assert.equal(exported.caseFiles, 1);
    assert.ok(exported.audit >= 1);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(JSON.parse(lines[0]!).format, 'tsunagu-export');
    assert.ok(!lines.some((l) => l.includes('"_etag"')), 'no system properties');

    const targetDir = mkdtempSync(join(tmpdir(), 'tsunagu-import-'));
    const target = await openStore(targetDir);
    assert.deepEqual(await importData(target.store, file), exported);
    await assert.rejects(importData(target.store, file), /IMPORT.NOT_EMPTY/);
    await target.close();

    const h2 = await startHarness({ dataDir: targetDir });
    const n = h2.connector.sent.length;
    await sendToBot(h2.botUrl, Activities.personalMessage(h2.connector.url, 'desk', `案件 ${code}`));
    await eventually(() => h2.connector.sent.length > n, 5000, 'reply');
    assert.match(cardText((h2.connector.sent[n]!.activity.attachments as { content: unknown }[])[0]!.content), /架空 移/);
    await h2.stop();
    rmSync(h.dataDir, { recursive: true, force: true });
  });

  it('when a second process opens a data directory in use, then it refuses and says which process holds it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsunagu-lock-'));
    const first = await startEmbeddedCosmos({ dataDir: dir });
    // Simulate another live process holding the lock: the lock names a live pid other than ours (our parent).
    await first.close();
    const lockPath = join(dir, 'cosmos', 'LOCK');
    writeFileSync(lockPath, String(process.ppid));
    await assert.rejects(startEmbeddedCosmos({ dataDir: dir }), new RegExp(`EMBEDDED.DATA_DIR_IN_USE: .* process ${process.ppid}`));
    writeFileSync(lockPath, '999999999'); // a process that does not exist (left by kill -9)
    const second = await startEmbeddedCosmos({ dataDir: dir });
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the server shuts down during a slow turn, then close waits and the turn finishes with 200', async () => {
    let release: () => void = () => undefined;
    let finished = false;
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const server = new HttpServer({
      adapter,
      onTurn: async (_ctx: TurnContext) => {
        await new Promise<void>((r) => (release = r));
        finished = true;
      },
      health: async () => ({ version: '0', mode: 'embedded', store: { ok: true } }),
      log: memoryLogger(),
      maxBodyBytes: 1024 * 64,
    });
    const { url } = await server.listen(0, '127.0.0.1');
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
    const turn = fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'x', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:1/', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } }) });
    await eventually(async () => (await (await fetch(`${url}/healthz`)).json() as { inFlightTurns: number }).inFlightTurns === 1, 5000, 'turn in flight');
    const closing = server.close(10_000);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(finished, false, 'close waits for the turn');
    release();
    await closing;
    assert.equal(finished, true);
    assert.equal((await turn).status, 200);
  });
});
