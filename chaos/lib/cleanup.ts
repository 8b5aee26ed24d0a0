import type { Logger } from '../../lib/logger';

/**
 * Clean-up steps of a run, undone in reverse order (last added, first run) exactly once, whether
 * the run ends, fails or is interrupted (SIGINT, a test's `afterAll`).
 */
export class CleanupStack {
  private readonly steps: Array<{ name: string; run: () => Promise<void> | void }> = [];
  private running: Promise<void> | null = null;

  constructor(private readonly logger: Logger) {}

  /** Registers a step (e.g. stop a server, remove a folder). */
  add(name: string, run: () => Promise<void> | void): void {
    this.steps.push({ name, run });
  }

  /**
   * Runs every step, last added first; a failing step is logged and the others still run.
   * Calling it again returns the same promise.
   */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.run();
        } catch (err) {
          this.logger.warn({ err, step: step.name }, 'clean-up step failed');
        }
      }
    })();
    return this.running;
  }
}
