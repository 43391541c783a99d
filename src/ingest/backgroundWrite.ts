/**
 * One write at a time in the background. Its failure is held, not thrown, until the next
 * `settle()`: nothing awaits the work meanwhile, and an unobserved rejection would end the process.
 */
export class BackgroundWrite {
  private pending: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;

  /** Waits for the write in flight; throws its failure (once), so the caller stops before writing more. */
  async settle(): Promise<void> {
    await this.pending;
    this.pending = undefined;
    const failed = this.failure;
    this.failure = undefined;
    if (failed) throw failed.error;
  }

  /** Starts `work`; the caller must have settled the previous write. */
  start(work: () => Promise<void>): void {
    if (this.pending) throw new Error('BackgroundWrite.start: the previous write has not been settled');
    this.pending = work().catch((error: unknown) => {
      this.failure = { error };
    });
  }
}
