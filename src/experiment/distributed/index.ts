/** Running experiments on `powderkeg worker` processes through Redis (BullMQ); see docs/distributed.md. */
export { RedisExecutor, type RedisExecutorOptions } from './redis-executor.js';
export { startRedisWorker, threadFile, type RedisWorkerOptions, type RunningWorker, type WorkerEvent } from './redis-worker.js';
export { checkRedisUrl, queueNameFor, reachRedis, QUEUE_REGISTRY } from './redis-connection.js';
export { toWire, fromWire } from './wire.js';
