import { z } from 'zod';
import { AiVerdict, DeviceAddress, DeviceFacts, InterfaceInfo, Platform } from '../domain/device';
import type { MethodTable } from './method-table';

export const DeviceSummary = z.object({
  id: z.string(),
  address: z.string(),
  port: z.number().int(),
  hostname: z.string().nullable(),
  sysName: z.string().nullable(),
  vendor: z.string().nullable(),
  platform: Platform,
  osVersion: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  aiCapable: z.boolean(),
  credentialId: z.string().nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;

export const HistoryEntry = z.object({
  attribute: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  scanId: z.string(),
  at: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const DeviceDetail = z.object({
  device: DeviceSummary.extend({
    sysDescr: z.string().nullable(),
    sysObjectID: z.string().nullable(),
    sshCredentialId: z.string().nullable(),
    lastScanId: z.string(),
    warnings: z.array(z.string()),
  }),
  facts: DeviceFacts,
  ai: AiVerdict.nullable(),
  interfaces: z.array(InterfaceInfo),
  history: z.array(HistoryEntry),
  /** Every address the device answered at, the primary (device.address) first. */
  addresses: z.array(DeviceAddress),
});
export type DeviceDetail = z.infer<typeof DeviceDetail>;

export const InventorySortField = z.enum(['address', 'sysName', 'vendor', 'platform', 'osVersion', 'model', 'lastSeen', 'firstSeen', 'aiCapable']);
export type InventorySortField = z.infer<typeof InventorySortField>;

export const InventoryQuery = z
  .object({
    /** Case-insensitive substring over address, name, vendor, model, serial, OS version. */
    text: z.string().max(200).optional(),
    vendor: z.string().max(100).optional(),
    platform: Platform.optional(),
    aiCapable: z.boolean().optional(),
    sort: InventorySortField.default('address'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(10_000).default(500),
  })
  .strict();
export type InventoryQuery = z.input<typeof InventoryQuery>;

export const inventoryMethods = {
  'inventory.list': {
    summary: 'Stored devices, filtered, sorted and paged.',
    input: InventoryQuery,
    output: z.object({ total: z.number().int(), items: z.array(DeviceSummary) }),
  },
  'inventory.get': {
    summary: 'One device with its facts, interfaces, AI evidence and history.',
    input: z.object({ id: z.string().max(64) }).strict(),
    output: DeviceDetail,
  },
  'inventory.delete': {
    summary: 'Forget a device (it reappears if a scan finds it again).',
    input: z.object({ id: z.string().max(64) }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
} as const satisfies MethodTable;
