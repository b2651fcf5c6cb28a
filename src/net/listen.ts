import type { AddressInfo, Server } from 'node:net';

/**
 * Binds a server and resolves with the port it got. Both the sandbox's API server and the
 * inbox's SMTP and HTTP servers start this way, and a port clash must read the same from
 * either: which server, which address, and which command-line flag picks another port.
 * The caller chooses the error class (StartError, InboxStartError) because each start-up
 * path is caught and reported by its own callers.
 */
export interface ListenOn {
  port: number;
  host: string;
  /** Names the server in the message, e.g. "the inbox SMTP". */
  what: string;
  /** The flag that chooses this port, e.g. "--smtp-port". */
  flag: string;
}

export function listen(server: Server, on: ListenOn, fail: (message: string) => Error): Promise<number> {
  const { port, host, what, flag } = on;
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') reject(fail(`${what} port ${port} on ${host} is already in use (choose another with ${flag}, or 0 for any free port)`));
      else if (err.code === 'EACCES') reject(fail(`${what} port ${port} on ${host} needs privileges this process does not have`));
      else reject(fail(`${what} cannot listen on ${host}:${port}: ${err.code ?? err.message}`));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
