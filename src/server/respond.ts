import type { FastifyReply } from 'fastify';
import { HttpError } from './http-error.js';

/** Largest answer the API gives; a bigger one is refused, so that one request cannot exhaust memory. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export function tooLarge(): HttpError {
  return new HttpError(413, 'response-too-large', `the answer would exceed ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB; ask for fewer rows (limit, offset) or columns`);
}

export function sendLimited(reply: FastifyReply, body: string): FastifyReply {
  if (Buffer.byteLength(body) > MAX_RESPONSE_BYTES) throw tooLarge();
  return reply.send(body);
}

export function sendJson(reply: FastifyReply, value: unknown): FastifyReply {
  return sendLimited(reply.type('application/json; charset=utf-8'), JSON.stringify(value));
}
