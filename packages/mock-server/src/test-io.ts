// Test helpers (excluded from the build): the command's IO, captured, with signals a test can send.
import { EventEmitter } from 'node:events';
import type { CliIo } from './cli.ts';
import type { GlanceServer, MockServer } from './start.ts';

export interface CapturedIo extends CliIo {
  readonly output: () => string;
  readonly errors: () => string;
  readonly signal: (name: 'SIGINT' | 'SIGTERM') => void;
  /** Resolves with the server once the command listens. */
  readonly server: Promise<MockServer>;
  /** The same, for a command started with --glance. */
  readonly glanceServer: Promise<GlanceServer>;
}

export function capturedIo(): CapturedIo {
  let out = '';
  let err = '';
  const signals = new EventEmitter();
  let started: (server: MockServer | GlanceServer) => void = () => {};
  const server = new Promise<MockServer | GlanceServer>((resolve) => {
    started = resolve;
  });
  return {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    signals,
    started: (value) => started(value),
    output: () => out,
    errors: () => err,
    signal: (name) => {
      signals.emit(name);
    },
    server: server as Promise<MockServer>,
    glanceServer: server as Promise<GlanceServer>,
  };
}
