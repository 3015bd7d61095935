import type { Driver } from '../drivers/driver';

/**
 * One device's driver for the steps of a rollout: opened on first use, dropped after a transport failure so the
 * next step reconnects (a device that went dark after a commit may come back when its revert timer fires).
 */
export class DeviceSession {
  private driver?: Promise<Driver>;

  constructor(private readonly open: () => Promise<Driver>) {}

  get(): Promise<Driver> {
    if (!this.driver) {
      const p = this.open();
      this.driver = p;
      p.catch(() => {
        if (this.driver === p) this.driver = undefined;
      });
    }
    return this.driver;
  }

  /** Forget the current connection (closing it quietly). */
  async reset(): Promise<void> {
    const d = this.driver;
    this.driver = undefined;
    if (d) await d.then((x) => x.close()).catch(() => undefined);
  }

  async run<T>(fn: (d: Driver) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.get());
    } catch (err) {
      await this.reset();
      throw err;
    }
  }

  close(): Promise<void> {
    return this.reset();
  }
}
