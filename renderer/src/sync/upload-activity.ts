import { Store } from '../state/store';

export interface UploadActivityState {
  /** Blobs being uploaded now, with the fraction sent (0…1). */
  readonly active: Readonly<Record<string, number>>;
}

/** Which attachments are on their way to the server right now (the database holds only settled states). */
export class UploadActivity {
  readonly state = new Store<UploadActivityState>({ active: {} });

  progress(sha256: string, fraction: number): void {
    this.state.set({ active: { ...this.state.get().active, [sha256]: fraction } });
  }

  done(sha256: string): void {
    const { [sha256]: _gone, ...rest } = this.state.get().active;
    this.state.set({ active: rest });
  }
}
