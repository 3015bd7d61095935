/**
 * Scheduled backups: every intervalMin minutes, back up each device the next tick lists. One run at a time; a slow
 * run delays the next instead of overlapping it.
 */
export class ArchiveSchedule {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private intervalMinValue = 0;

  constructor(
    private readonly tick: () => Promise<void>,
    private readonly log: (message: string) => void,
  ) {}

  get intervalMin(): number {
    return this.intervalMinValue;
  }

  set(intervalMin: number): void {
    this.stop();
    this.intervalMinValue = intervalMin;
    if (intervalMin <= 0) return;
    this.timer = setInterval(() => void this.runOnce(), intervalMin * 60_000);
    this.timer.unref();
  }

  async runOnce(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.tick();
    } catch (err) {
      this.log(`archive schedule: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
