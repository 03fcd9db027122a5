import { z } from 'zod';
import { limits } from '../../models';
import { desktopChannels, type DesktopApi } from '../../models/desktop';
import { isTrustedUrl } from './security';

/** API methods the renderer calls with `invoke` (the other channels carry events from main to the renderer). */
export type InvokeMethod = Exclude<keyof typeof desktopChannels, 'menuCommand' | 'openDocument'>;

const pathSchema = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'A path may not contain NUL.');

const findingSchema = z.strictObject({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string().max(200),
  path: z.string().max(4096),
  message: z.string().max(10_000),
  nodeId: z.string().max(200).optional(),
});

/** A document as the renderer sends it; the model inside `text` is validated by the file service on save. */
export const documentSchema = z.strictObject({
  path: pathSchema.optional(),
  // May be empty for a new document; the shell then says "Untitled".
  name: z.string().max(260),
  text: z.string().max(limits.fileBytes),
  findings: z.array(findingSchema).max(10_000).optional(),
  recoveredAt: z.string().max(64).optional(),
});

export const exportRequestSchema = z.strictObject({
  kind: z.enum(['report-html', 'report-pdf', 'csv', 'event-log']),
  suggestedName: z.string().min(1).max(260),
  // Event logs of long runs are large; past this the renderer should write a summary instead.
  content: z.string().max(512 * 1024 * 1024),
});

/** Argument tuples per method: extra, missing or mistyped arguments are refused. */
export const ipcArgSchemas = {
  openModel: z.tuple([]),
  openRecent: z.tuple([pathSchema]),
  saveModel: z.tuple([documentSchema]),
  saveModelAs: z.tuple([documentSchema]),
  recentDocuments: z.tuple([]),
  exportFile: z.tuple([exportRequestSchema]),
  appInfo: z.tuple([]),
  documentChanged: z.tuple([z.strictObject({ dirty: z.boolean(), document: documentSchema })]),
} as const satisfies Record<InvokeMethod, z.ZodType>;

type Args<K extends InvokeMethod> = z.infer<(typeof ipcArgSchemas)[K]>;

/** The main-process side of each method. */
export type DesktopHandlers = { [K in InvokeMethod]: (...args: Args<K>) => ReturnType<DesktopApi[K]> };

/** What the guard needs of an `IpcMainInvokeEvent`. `senderFrame` is null when the frame is already gone. */
export interface IpcEventLike {
  senderFrame: { url: string; parent?: unknown } | null;
}

export type IpcCheck<K extends InvokeMethod = InvokeMethod> = { ok: true; method: K; args: Args<K> } | { ok: false; reason: string };

const methodByChannel = new Map<string, InvokeMethod>(
  (Object.keys(ipcArgSchemas) as InvokeMethod[]).map((method) => [desktopChannels[method], method]),
);

/**
 * Checks one IPC call before any handler runs: the channel is on the allow-list, the sender is the main frame of
 * a page served from a trusted origin (app:// or the dev server), and the arguments match the channel's schema.
 * @example checkIpcCall('flowcast:open-recent', event, ['/home/ana/a.flowcast.json'], trustedOrigins())
 */
export function checkIpcCall(channel: string, event: IpcEventLike, args: readonly unknown[], origins: readonly string[]): IpcCheck {
  const method = methodByChannel.get(channel);
  if (method === undefined) return { ok: false, reason: `Unknown channel "${channel}".` };
  const frame = event.senderFrame;
  if (frame === null) return { ok: false, reason: `${channel}: the sending frame is gone.` };
  if (frame.parent !== undefined && frame.parent !== null) return { ok: false, reason: `${channel}: only the main frame may call the shell.` };
  if (!isTrustedUrl(frame.url, origins)) return { ok: false, reason: `${channel}: sender ${JSON.stringify(frame.url)} is not the app.` };
  const parsed = ipcArgSchemas[method].safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${channel}: bad arguments at [${issue.path.map(String).join('.')}]: ${issue.message}` };
  }
  return { ok: true, method, args: parsed.data } as IpcCheck;
}

/** What the registrar needs of `ipcMain`. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/**
 * Registers one validated handler per allow-listed channel. A refused call rejects in the renderer with the
 * reason and is logged in main; the handler is never reached. Returns a function that removes the handlers.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: DesktopHandlers, options: { origins: readonly string[]; log?: (message: string) => void }): () => void {
  const channels: string[] = [];
  for (const method of Object.keys(ipcArgSchemas) as InvokeMethod[]) {
    const channel = desktopChannels[method];
    channels.push(channel);
    ipcMain.handle(channel, (event, ...args) => {
      const check = checkIpcCall(channel, event, args, options.origins);
      if (!check.ok) {
        options.log?.(`Refused IPC call: ${check.reason}`);
        throw new Error(check.reason);
      }
      const handler = handlers[check.method] as (...a: unknown[]) => unknown;
      return handler(...(check.args as unknown[]));
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
