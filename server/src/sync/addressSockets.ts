/**
 * Concurrent sync sockets per client address (issue 12): one address cannot hold the server's
 * sockets and file handles for everyone. The address is the request's (`request.ip`, which
 * TRUST_PROXY decides). A workshop behind one NAT opens two sockets per person, far below the
 * default limit.
 */
export class SocketsPerAddress {
  private readonly open = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Counts a socket from `address`; false (and nothing counted) when the address is at its limit. */
  acquire(address: string): boolean {
    const count = this.open.get(address) ?? 0;
    if (count >= this.max) return false;
    this.open.set(address, count + 1);
    return true;
  }

  release(address: string): void {
    const count = this.open.get(address) ?? 0;
    // Addresses with no socket are forgotten, so the map holds only addresses with open sockets.
    if (count <= 1) this.open.delete(address);
    else this.open.set(address, count - 1);
  }

  /** Open sockets from `address` (for tests and metrics). */
  count(address: string): number {
    return this.open.get(address) ?? 0;
  }
}
