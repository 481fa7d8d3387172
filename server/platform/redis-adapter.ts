// Several instances behind one load balancer (REDIS_URL): Socket.IO's Redis Streams adapter,
// so a broadcast from any instance reaches every socket of the meeting on every instance,
// and the instances can tell each other of changes (serverSideEmit). Loaded only when
// REDIS_URL is set. Every key and stream is named under REDIS_PREFIX (default "debrief"),
// so several installations can share one Redis.
import type { Server } from "socket.io";

export interface RedisLink {
  adapter: Parameters<Server["adapter"]>[0];
  close(): Promise<void>;
}

export async function connectRedis(url: string, prefix: string): Promise<RedisLink> {
  const [{ createClient }, { createAdapter }] = await Promise.all([import("redis"), import("@socket.io/redis-streams-adapter")]);
  const client = createClient({ url });
  // Redis restarting must not crash the instance: the client reconnects by itself.
  client.on("error", (error: Error) => console.error("Redis:", error.message));
  await client.connect();
  return {
    adapter: createAdapter(client, {
      streamName: `${prefix}:socket.io`,
      channelPrefix: `${prefix}:socket.io`,
      sessionKeyPrefix: `${prefix}:sio:session:`,
      onlyPlaintext: true,
      // A killed instance's node is forgotten after this long without a heartbeat.
      heartbeatInterval: 2_000,
      heartbeatTimeout: 5_000,
    }),
    close: async () => {
      await client.close().catch(() => undefined);
    },
  };
}
