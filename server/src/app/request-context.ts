import type { FastifyRequest } from 'fastify';
import type { AuthenticatedDevice } from '../auth/authenticate';
import { ApiError } from '../errors';

const devices = new WeakMap<FastifyRequest, AuthenticatedDevice>();
type Facts = Record<string, number | string>;
const facts = new WeakMap<FastifyRequest, Facts>();

export function setDevice(req: FastifyRequest, device: AuthenticatedDevice): void {
  devices.set(req, device);
}

export function findDevice(req: FastifyRequest): AuthenticatedDevice | undefined {
  return devices.get(req);
}

/** The authenticated device of a request behind the auth hook. */
export function requireDevice(req: FastifyRequest): AuthenticatedDevice {
  const device = devices.get(req);
  if (!device) throw new ApiError(401, 'UNAUTHENTICATED', 'not authenticated');
  return device;
}

/** Counts and codes (never contents) to add to the request's log line, e.g. `{ opsReceived: 20 }`. */
export function noteFacts(req: FastifyRequest, more: Facts): void {
  facts.set(req, { ...facts.get(req), ...more });
}

export function factsOf(req: FastifyRequest): Facts | undefined {
  return facts.get(req);
}
