// A stand-in for the load balancer in front of several instances (nginx in docs/deploy.md),
// for the two-instance tests: each TCP connection goes to the first backend that accepts it,
// so when that instance is killed its clients' reconnections land on the next one.
import net from "node:net";
import type { AddressInfo } from "node:net";

export interface Balancer {
  url: string;
  close(): Promise<void>;
}

function connectFirst(ports: number[], onConnected: (socket: net.Socket) => void, onNone: () => void, index = 0): void {
  if (index >= ports.length) return onNone();
  const upstream = net.connect(ports[index]!, "127.0.0.1");
  let connected = false;
  upstream.once("connect", () => {
    connected = true;
    onConnected(upstream);
  });
  upstream.once("error", () => {
    if (!connected) connectFirst(ports, onConnected, onNone, index + 1);
  });
}

export async function startBalancer(ports: number[]): Promise<Balancer> {
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.once("close", () => open.delete(client));
    client.on("error", () => client.destroy());
    client.pause();
    connectFirst(
      ports,
      (upstream) => {
        open.add(upstream);
        upstream.once("close", () => {
          open.delete(upstream);
          client.destroy();
        });
        upstream.on("error", () => upstream.destroy());
        client.once("close", () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      },
      () => client.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
