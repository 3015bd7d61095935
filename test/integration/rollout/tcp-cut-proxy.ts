import net from 'node:net';

/**
 * A TCP proxy on loopback in front of one lab device that can cut a connection in the middle of a push: once
 * armed, it forwards the next `n` client writes (one SSH packet each: one CLI command per write while a driver
 * pushes) and destroys both sides of the connection on the one after (the SSH session drops mid-push; nothing
 * is closed cleanly). Later connections pass untouched, but only once `onCut` (if it returns a promise) has
 * settled: a test can look at the device as the cut left it before the client can reconnect and act.
 */
export class TcpCutProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private armedChunks: number | undefined;
  private hold: Promise<unknown> = Promise.resolve();
  /** Client→device write sizes since the last arm() (bytes), for the report of what was cut. */
  readonly chunks: number[] = [];
  cuts = 0;
  port = 0;

  constructor(
    private readonly listenHost: string,
    private readonly target: { host: string; port: number },
    private readonly onCut?: () => Promise<unknown> | void,
  ) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, this.listenHost, () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Forward `n` more client writes, then cut the connection that carries the next one. */
  arm(n: number): void {
    this.armedChunks = n;
    this.chunks.length = 0;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: net.Socket): void {
    this.sockets.add(client);
    let upstream: net.Socket | undefined;
    const early: Buffer[] = [];
    let dropped = false;
    const drop = () => {
      dropped = true;
      client.destroy();
      upstream?.destroy();
      this.sockets.delete(client);
      if (upstream) this.sockets.delete(upstream);
    };
    client.on('data', (chunk: Buffer) => {
      if (this.armedChunks !== undefined) {
        this.chunks.push(chunk.length);
        if (this.armedChunks === 0) {
          this.armedChunks = undefined;
          this.cuts++;
          drop();
          this.hold = Promise.resolve(this.onCut?.()).catch(() => undefined);
          return;
        }
        this.armedChunks--;
      }
      if (upstream) upstream.write(chunk);
      else early.push(chunk);
    });
    client.on('error', drop);
    client.on('close', drop);
    void this.hold.then(() => {
      if (dropped) return;
      const up = net.connect(this.target.port, this.target.host);
      upstream = up;
      this.sockets.add(up);
      for (const c of early.splice(0)) up.write(c);
      up.on('data', (chunk: Buffer) => client.write(chunk));
      up.on('error', drop);
      up.on('close', drop);
    });
  }
}
