import { createServer } from 'node:net';

const handedOut = new Set<number>();

/**
 * A TCP port nothing listens on now, and one this process has not handed out before: the OS may
 * offer a just-closed port again, and two servers started side by side on the same one would
 * answer for each other (one exits with EADDRINUSE while the other answers its health check).
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.unref();
      server.on('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}
