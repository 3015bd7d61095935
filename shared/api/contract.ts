import type { z } from 'zod';
import { archiveEvents, archiveMethods } from './archive';
import { aiTrafficMethods } from './ai-traffic';
import { auditMethods } from './audit';
import { complianceEvents, complianceMethods } from './compliance';
import { credentialMethods } from './credentials';
import { hostkeysEvents, hostkeysMethods } from './hostkeys';
import { inventoryMethods } from './inventory';
import { labEvents, labMethods } from './lab';
import { scanEvents, scanMethods } from './scan';
import { scopeEvents, scopeMethods } from './scope';
import { systemEvents, systemMethods } from './system';
import { threatsEvents, threatsMethods } from './threats';
import { topologyEvents, topologyMethods } from './topology';
import { rolloutEvents, rolloutMethods } from './rollout';

/**
 * The one protocol between renderer/CLI and engine. Each area declares its methods in its own file;
 * this table joins them. A method missing a handler is a compile error in the engine.
 */
export const methods = {
  ...rolloutMethods,
  ...aiTrafficMethods,
  ...complianceMethods,
  ...archiveMethods,
  ...topologyMethods,
  ...systemMethods,
  ...labMethods,
  ...credentialMethods,
  ...auditMethods,
  ...scanMethods,
  ...inventoryMethods,
  ...scopeMethods,
  ...hostkeysMethods,
  ...threatsMethods,
} as const;

export const events = {
  ...rolloutEvents,
  ...complianceEvents,
  ...archiveEvents,
  ...topologyEvents,
  ...systemEvents,
  ...labEvents,
  ...scanEvents,
  ...scopeEvents,
  ...hostkeysEvents,
  ...threatsEvents,
} as const;

export type Methods = typeof methods;
export type Method = keyof Methods;
export type Input<M extends Method> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Methods[M]['input']>;
export type Output<M extends Method> = z.output<Methods[M]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
