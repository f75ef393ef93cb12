// Types for embedded-postgres.mjs, which the TypeScript tests import (tests/reliability/own-postgres.ts).

export declare const EMBEDDED_MAJOR: number;

export declare function embeddedBinaries(): Promise<{
  name: string;
  initdb: string;
  postgres: string;
} | null>;

export declare function freeLocalPort(preferred?: number): Promise<number>;

export declare class EmbeddedPostgres {
  constructor(options: {
    dataDir: string;
    logFile?: string;
    detached?: boolean;
    settings?: Record<string, string>;
  });
  readonly dataDir: string;
  readonly pidFile: string;
  readonly initialised: boolean;
  lockFile(): { pid: number | null; port: number | null; status: string } | null;
  running(): { pid: number; port: number | null } | null;
  start(port: number): Promise<{ port: number; pid: number; reused: boolean; created: boolean }>;
  stop(): Promise<boolean>;
  tail(lines?: number): string;
}
