import { randomUUID } from 'node:crypto';
import { MAX_PUSH_BATCH } from '#shared/protocol/limits';
import { dossierEnvelope } from '#shared/entities/dossier';
import type { DraftOp } from '#shared/protocol/operation';
import { EditingDevice } from '../../support/ops';
import { enroll, SyncClient } from '../../support/protocol-client';
import { GENERATED_PROCEDURE, generatedEdits, type EditShape } from '../harness/src/edits';

/**
 * The point's other PC, played from Node with the protocol client the fault tests use: it writes the generated
 * edits as operations and pushes them, so the kiosk under test has something real to pull. Seeding, not
 * timed.
 */
export class SeedDevice {
  private constructor(
    private readonly client: SyncClient,
    private readonly device: EditingDevice,
  ) {}

  static async enroll(serverUrl: string, code: string): Promise<SeedDevice> {
    const enrolled = await enroll(serverUrl, { code, deviceLabel: 'bench seed' });
    return new SeedDevice(new SyncClient(serverUrl, enrolled.token), new EditingDevice(enrolled.deviceId));
  }

  /** Pushes the generated edits as new drafts; returns how many operations the server acknowledged. */
  async pushNewDrafts(shape: EditShape): Promise<number> {
    const ids: string[] = [];
    const ops: DraftOp[] = [];
    for (const edit of generatedEdits(shape)) {
      if (ids[edit.draft] === undefined) {
        ids[edit.draft] = randomUUID();
        ops.push(this.device.create(ids[edit.draft] as string, GENERATED_PROCEDURE));
      }
      ops.push(this.device.set(ids[edit.draft] as string, edit.field, edit.value));
    }
    return this.push(ops);
  }

  /** Fills an existing draft with the generated fields of one draft (`shape.drafts` is ignored). */
  async fillDraft(draftId: string, shape: EditShape): Promise<number> {
    const ops: DraftOp[] = [];
    for (const edit of generatedEdits({ ...shape, drafts: 1 })) {
      ops.push(this.device.set(draftId, edit.field, edit.value));
    }
    return this.push(ops);
  }

  private async push(ops: readonly DraftOp[]): Promise<number> {
    let acked = 0;
    for (let i = 0; i < ops.length; i += MAX_PUSH_BATCH) {
      acked += (await this.client.push(ops.slice(i, i + MAX_PUSH_BATCH).map(dossierEnvelope))).acked.length;
    }
    if (acked !== ops.length)
      throw new Error(`the server acknowledged ${acked} of ${ops.length} seeded operations`);
    return acked;
  }
}
