import type { LabDevice } from './lab-model-types';

export interface DeviceIdentity {
  hostname: string;
  contact: string;
  location: string;
}

/**
 * The mutable side of one lab device, shared by its SNMP agent and its SSH CLI: identity that config
 * changes may rename, and whether it has gone dark (pilot-gate-failure).
 */
export class LabDeviceRuntime {
  private identityValue: DeviceIdentity;
  private darkValue = false;
  private readonly listeners = new Set<(rt: LabDeviceRuntime) => void>();

  constructor(readonly device: LabDevice) {
    this.identityValue = { hostname: device.hostname, contact: device.contact, location: device.location };
  }

  get identity(): Readonly<DeviceIdentity> {
    return this.identityValue;
  }

  /** True while the device ignores SNMP and refuses SSH. */
  get dark(): boolean {
    return this.darkValue;
  }

  setIdentity(patch: Partial<DeviceIdentity>): void {
    const next = { ...this.identityValue, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.identityValue)) return;
    this.identityValue = next;
    this.emit();
  }

  setDark(dark: boolean): void {
    if (dark === this.darkValue) return;
    this.darkValue = dark;
    this.emit();
  }

  onChange(fn: (rt: LabDeviceRuntime) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn(this);
  }
}
