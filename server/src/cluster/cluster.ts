import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { BoardDocument, Role, RoomState } from '@benchlearn/shared';
import type { Log } from '../logging';
import type { Metrics } from '../metrics';
import type { BoardLinkActions, BoardSubscription, ClusterPort } from '../rooms/clusterPort';
import {
  boardOfChannel,
  channelFor,
  decodeFrame,
  encodeFrame,
  encodeRoomState,
  FrameError,
  FrameKind,
  INSTANCE_ID_BYTES,
  sameInstance,
  type Frame,
  updateFrameKind,
} from './frame';
import { BoardLink } from './link';

export type FrameHandler = (frame: Frame) => void;

export interface ClusterOptions {
  url: string;
  log: Log;
  metrics: Metrics;
  /** How long start-up waits for Redis before serving without it (it keeps reconnecting). */
  connectTimeoutMs?: number;
}

/** Between reconnection attempts: soon after a blip, at most every 2 s while Redis stays down. */
function retryDelay(times: number): number {
  return Math.min(50 * 2 ** Math.min(times, 6), 2000);
}

/**
 * The Redis side of rooms shared by several instances (docs/cluster.md): one channel per loaded
 * board, one connection subscribing and one publishing. Redis is a convenience, never a
 * dependency: while it is down the instance serves its own connections, and when the subscriber
 * comes back every loaded board is re-read from storage (pub/sub is at-most-once).
 */
export class Cluster implements ClusterPort {
  readonly instanceId: Uint8Array = randomBytes(INSTANCE_ID_BYTES);
  private readonly sub: Redis;
  private readonly pub: Redis;
  private readonly handlers = new Map<string, FrameHandler>();
  /** Boards with a committed update that could not be published: others are told to re-read them. */
  private readonly unpublished = new Set<string>();
  private catchUp: ((boardIds: string[]) => void) | null = null;
  private subDown = false;
  private pubDown = false;
  /** Until a connection was up once, start-up's single warning covers it. */
  private readonly everReady = { subscriber: false, publisher: false };
  private closed = false;

  private constructor(private readonly options: ClusterOptions) {
    const name = Cluster.connectionName(this.instanceId);
    const common = { retryStrategy: retryDelay, lazyConnect: true } as const;
    // Subscriptions are renewed by hand on 'ready' (see onSubscriberReady), so a board loaded
    // while Redis was down is subscribed too, and nothing waits in a queue meanwhile.
    this.sub = new Redis(options.url, { ...common, connectionName: `${name}-sub`, autoResubscribe: false, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // A publish while Redis is down fails at once: the local relay never waits for Redis.
    this.pub = new Redis(options.url, { ...common, connectionName: `${name}-pub`, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel, message));
    this.sub.on('ready', () => void this.onSubscriberReady());
    this.pub.on('ready', () => this.onPublisherReady());
    this.sub.on('error', (error: Error) => this.connectionError('subscriber', error));
    this.pub.on('error', (error: Error) => this.connectionError('publisher', error));
    this.sub.on('close', () => this.connectionLost('subscriber'));
    this.pub.on('close', () => this.connectionLost('publisher'));
  }

  /** Connects both connections; resolves after `connectTimeoutMs` even when Redis is unreachable. */
  static async connect(options: ClusterOptions): Promise<Cluster> {
    const cluster = new Cluster(options);
    const timeout = options.connectTimeoutMs ?? 2000;
    const ready = (client: Redis) =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeout);
        timer.unref();
        client.connect().then(
          () => {
            clearTimeout(timer);
            resolve(true);
          },
          () => {},
        );
      });
    const [sub, pub] = await Promise.all([ready(cluster.sub), ready(cluster.pub)]);
    if (!sub || !pub) {
      options.log.warn('Redis (REDIS_URL) is unreachable: serving this instance’s own connections, reconnecting in the background');
    }
    return cluster;
  }

  /** The name an instance's connections carry in Redis's CLIENT LIST, before `-sub` and `-pub`. */
  private static connectionName(instanceId: Uint8Array): string {
    return `benchlearn-${Buffer.from(instanceId).toString('hex')}`;
  }

  /** The subscriber's CLIENT SETNAME (an operator finds it in CLIENT LIST; tests kill it). */
  get subscriberName(): string {
    return `${Cluster.connectionName(this.instanceId)}-sub`;
  }

  /** Whether both connections are up now (for tests and health). */
  get connected(): boolean {
    return this.sub.status === 'ready' && this.pub.status === 'ready';
  }

  /** Called after the subscriber (re)connected, with every subscribed board: re-read them from storage. */
  onCatchUp(listener: (boardIds: string[]) => void): void {
    this.catchUp = listener;
  }

  /**
   * Subscribes to a board's channel; resolves once Redis confirmed it (so whatever is published
   * after this resolves reaches `handler`), or at once while Redis is down (the board is then
   * subscribed and re-read when it comes back).
   */
  async subscribe(boardId: string, handler: FrameHandler): Promise<void> {
    this.handlers.set(boardId, handler);
    if (this.closed || this.sub.status !== 'ready') return;
    try {
      await this.sub.subscribe(channelFor(boardId));
    } catch (error) {
      // The connection dropped meanwhile: 'ready' subscribes again and catches up.
      this.failed('subscribe', error);
    }
  }

  /** Unsubscribes, unless the board was subscribed again (by a new load) with another handler. */
  unsubscribe(boardId: string, handler: FrameHandler): void {
    if (this.handlers.get(boardId) !== handler) return;
    this.handlers.delete(boardId);
    this.unpublished.delete(boardId);
    if (this.closed || this.sub.status !== 'ready') return;
    this.sub.unsubscribe(channelFor(boardId)).catch((error: unknown) => this.failed('unsubscribe', error));
  }

  linkBoard(boardId: string, actions: BoardLinkActions): BoardSubscription {
    return new BoardLink(boardId, this, actions);
  }

  publishUpdate(boardId: string, doc: BoardDocument, update: Uint8Array): void {
    this.publish(boardId, updateFrameKind(doc), update);
  }

  publishPresence(boardId: string, presence: Uint8Array): void {
    this.publish(boardId, FrameKind.Presence, presence);
  }

  publishClosed(boardId: string): void {
    this.publish(boardId, FrameKind.Closed);
  }

  publishRevoked(boardId: string, role: Role): void {
    this.publish(boardId, FrameKind.Revoked, Buffer.from(role, 'utf8'));
  }

  publishHello(boardId: string): void {
    this.publish(boardId, FrameKind.Hello);
  }

  private publish(boardId: string, kind: FrameKind, payload?: Uint8Array): void {
    this.send(boardId, encodeFrame(this.instanceId, kind, payload), kind === FrameKind.Update);
  }

  publishRoomState(boardId: string, state: RoomState): void {
    this.send(boardId, encodeRoomState(this.instanceId, state), false);
  }

  private send(boardId: string, frame: Buffer, committed: boolean): void {
    if (this.closed) return;
    this.options.metrics.cluster.inc({ direction: 'out', kind: String(frame[1 + INSTANCE_ID_BYTES]) });
    const lost = () => {
      // Others miss a committed update until they re-read the board: ask them to once we can.
      if (committed) this.unpublished.add(boardId);
    };
    if (this.pub.status !== 'ready') {
      lost();
      this.options.metrics.errors.inc({ kind: 'cluster' });
      return;
    }
    this.pub.publish(channelFor(boardId), frame).catch((error: unknown) => {
      lost();
      this.failed('publish', error);
    });
  }

  private receive(channel: Buffer, message: Buffer): void {
    const boardId = boardOfChannel(channel.toString('utf8'));
    const handler = boardId === null ? undefined : this.handlers.get(boardId);
    if (!handler) return;
    let frame: Frame;
    try {
      frame = decodeFrame(message);
    } catch (error) {
      this.options.metrics.errors.inc({ kind: 'cluster' });
      this.options.log.warn({ boardId, reason: error instanceof FrameError ? error.message : String(error) }, 'ignored a malformed cluster frame');
      return;
    }
    if (sameInstance(frame.instanceId, this.instanceId)) return;
    this.options.metrics.cluster.inc({ direction: 'in', kind: String(frame.kind) });
    try {
      handler(frame);
    } catch (error) {
      this.options.metrics.errors.inc({ kind: 'cluster' });
      this.options.log.warn({ err: error, boardId, kind: frame.kind }, 'a cluster frame could not be applied; ignored');
    }
  }

  private async onSubscriberReady(): Promise<void> {
    if (this.subDown && this.everReady.subscriber) this.options.log.info('Redis subscriber connected again: catching up on the loaded boards');
    this.subDown = false;
    this.everReady.subscriber = true;
    const boardIds = [...this.handlers.keys()];
    if (boardIds.length === 0 || this.closed) return;
    try {
      await this.sub.subscribe(...boardIds.map(channelFor));
    } catch (error) {
      // Dropped again: the next 'ready' tries again.
      this.failed('subscribe', error);
      return;
    }
    // Only after the subscription: what is committed from now on arrives here, the rest is read.
    const still = boardIds.filter((id) => this.handlers.has(id));
    if (still.length > 0) this.catchUp?.(still);
  }

  private onPublisherReady(): void {
    if (this.pubDown && this.everReady.publisher) this.options.log.info('Redis publisher connected again');
    this.pubDown = false;
    this.everReady.publisher = true;
    const boards = [...this.unpublished].filter((id) => this.handlers.has(id));
    this.unpublished.clear();
    for (const boardId of boards) this.publish(boardId, FrameKind.Resync);
  }

  private connectionLost(which: 'subscriber' | 'publisher'): void {
    if (this.closed) return;
    const wasDown = which === 'subscriber' ? this.subDown : this.pubDown;
    if (which === 'subscriber') this.subDown = true;
    else this.pubDown = true;
    if (!wasDown) {
      this.options.metrics.errors.inc({ kind: 'cluster' });
      if (this.everReady[which]) this.options.log.warn(`Redis ${which} connection lost: this instance serves its own connections until it is back`);
    }
  }

  private connectionError(which: string, error: Error): void {
    // ioredis reports every failed reconnection attempt; 'close' already warned once per outage.
    this.options.log.debug({ err: error, connection: which }, 'Redis connection error');
  }

  private failed(operation: string, error: unknown): void {
    this.options.metrics.errors.inc({ kind: 'cluster' });
    this.options.log.warn({ err: error, operation }, 'a Redis command failed');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handlers.clear();
    await Promise.all([this.sub, this.pub].map((client) => client.quit().catch(() => client.disconnect())));
  }
}
