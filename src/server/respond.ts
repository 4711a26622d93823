import type { FastifyReply } from 'fastify';
import { HttpError } from './http-error.js';

/** Largest answer the API gives by default; a bigger one is refused, so one request cannot exhaust memory. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export interface Responder {
  readonly maxBytes: number;
  tooLarge(): HttpError;
  send(reply: FastifyReply, body: string): FastifyReply;
  json(reply: FastifyReply, value: unknown): FastifyReply;
}

export function responder(maxBytes = MAX_RESPONSE_BYTES): Responder {
  const tooLarge = () =>
    new HttpError(413, 'response-too-large', `the answer would exceed ${+(maxBytes / 1024 / 1024).toFixed(3)} MiB; ask for fewer rows (limit, offset) or columns`);
  const send = (reply: FastifyReply, body: string) => {
    if (Buffer.byteLength(body) > maxBytes) throw tooLarge();
    return reply.send(body);
  };
  return { maxBytes, tooLarge, send, json: (reply, value) => send(reply.type('application/json; charset=utf-8'), JSON.stringify(value)) };
}
