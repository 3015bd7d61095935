import { z } from 'zod';
import type { EventTable, MethodTable } from './method-table';

export const EngineInfo = z.object({
  name: z.literal('routewise'),
  version: z.string(),
  host: z.enum(['electron', 'browser', 'cli', 'test']),
  node: z.string(),
  dataDir: z.string(),
  startedAt: z.string(),
  schemaVersion: z.number().int(),
});
export type EngineInfo = z.infer<typeof EngineInfo>;

export const Theme = z.enum(['system', 'dark', 'light']);
export type Theme = z.infer<typeof Theme>;

export const Settings = z.object({
  theme: Theme,
  /** Shown once: the first-launch card offering the lab. */
  firstLaunchDone: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = Settings.partial().strict();

export const systemMethods = {
  'system.info': {
    summary: 'Engine version, host and data directory.',
    input: z.object({}).strict(),
    output: EngineInfo,
  },
  'system.ping': {
    summary: 'Round trip check; echoes the nonce.',
    input: z.object({ nonce: z.string().max(256) }).strict(),
    output: z.object({ nonce: z.string(), at: z.string() }),
  },
  'settings.get': {
    summary: 'Current settings.',
    input: z.object({}).strict(),
    output: Settings,
  },
  'settings.update': {
    summary: 'Change some settings; returns all of them.',
    input: SettingsPatch,
    output: Settings,
  },
} as const satisfies MethodTable;

export const systemEvents = {
  'engine.log': z.object({
    level: z.enum(['debug', 'info', 'warn', 'error']),
    message: z.string(),
    at: z.string(),
  }),
  'settings.changed': Settings,
} as const satisfies EventTable;
