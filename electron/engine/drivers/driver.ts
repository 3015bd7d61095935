import type { Platform } from '../../../shared/domain/device';
import type { Neighbor } from '../../../shared/domain/neighbor';

/**
 * One contract for every platform (after NAPALM's base driver). Getters return plain data; a config change is a
 * small state machine: loadCandidate → diff → commit (with a revert timer) → confirm, or rollback.
 * Drivers receive their transports, so tests can hand them recorded or scripted sessions.
 */
export type DriverCapability = 'commit-confirm' | 'config-replace' | 'commit-check' | 'lldp' | 'cdp';

export interface Facts {
  hostname: string;
  vendor: string;
  model?: string;
  osVersion?: string;
  serial?: string;
  uptimeSec?: number;
}

export interface InterfaceState {
  name: string;
  adminUp: boolean;
  operUp: boolean;
  speedMbps?: number;
  description?: string;
}

export interface CommitOptions {
  /** Revert by itself unless confirm() comes within this many seconds. */
  revertAfterSec?: number;
  /** Free text recorded on the device where it supports commit comments. */
  comment?: string;
}

/** How a platform's safe change works, for the plan to show the admin. */
export interface SafeChangeMechanism {
  /** 'native': the OS reverts by itself (Junos commit confirmed, EOS commit timer, IOS-XE revert timer…).
   *  'emulated': Routewise schedules a revert job ON THE DEVICE before the change, and cancels it on confirm. */
  kind: 'native' | 'emulated';
  description: string;
}

export interface Driver {
  readonly platform: Platform;
  readonly capabilities: ReadonlySet<DriverCapability>;
  readonly safeChange: SafeChangeMechanism;
  facts(): Promise<Facts>;
  interfaces(): Promise<InterfaceState[]>;
  neighbors(): Promise<Neighbor[]>;
  runningConfig(): Promise<string>;
  /** startup-config where the platform has one distinct from running (IOS-XE, EOS); undefined elsewhere. */
  startupConfig?(): Promise<string>;
  /** Stages only; nothing is active until commit(). */
  loadCandidate(text: string, mode: 'merge' | 'replace'): Promise<void>;
  /** Unified diff candidate vs running; '' when nothing would change. */
  diff(): Promise<string>;
  /** Validate the candidate on the device without applying it, where the OS can (commit check, session validation). */
  validate?(): Promise<void>;
  commit(opts?: CommitOptions): Promise<void>;
  /** Make a pending confirmed commit permanent (cancel the revert). */
  confirm(): Promise<void>;
  /** Undo the pending commit now (or discard the candidate when nothing was committed). */
  rollback(): Promise<void>;
  /**
   * On a fresh session: find a confirmed commit left pending by an earlier session that dropped (or a crashed
   * process) and take it over, so rollback() undoes it now instead of waiting for the device's timer. True when
   * one was found. Absent where the platform cannot tell from a new session.
   */
  adoptPending?(): Promise<boolean>;
  /** A custom show command for health gates. */
  show(command: string): Promise<string>;
  close(): Promise<void>;
}

/** Errors from drivers use RoutewiseError with these codes (STYLE.md), carrying {host, command} in details. */
export type DriverErrorCode = 'auth-failed' | 'timeout' | 'connection-closed' | 'commit-failed' | 'commit-pending' | 'locked' | 'parse-failed' | 'unsupported';
