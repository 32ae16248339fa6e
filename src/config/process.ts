/**
 * Daemon habits taken from Flink's scripts: pid files named `weir-<user>-<role>.pid` in
 * `env.pid.dir` (Flink: `flink-<user>-standalonesession.pid`), log files named by user, role,
 * pid and host in `env.log.dir`, and ports that are bound at once or refused with a message
 * naming the port, its configuration key and — when a Weir process holds it — that pid.
 */
import { mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';

/** Process roles, as the name part of pid and log files. */
export type ProcessRole = 'standalone' | 'jobmanager' | 'taskmanager' | 'zookeeper' | 'sql-gateway';

export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'unknown';
  }
}

export function pidFilePath(pidDir: string, role: ProcessRole | string, user = currentUser()): string {
  return join(pidDir, `weir-${user}-${role}.pid`);
}

/** `weir-<user>-<role>-<pid>-<host>.log`: one file per process, so restarts never interleave. */
export function logFileName(role: ProcessRole | string, pid = process.pid, host = hostname(), user = currentUser()): string {
  return `weir-${user}-${role}-${pid}-${host}.log`;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pids listed in a pid file (one per line, as Flink's scripts write them); [] when absent. */
export function readPidFile(file: string): number[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
}

/**
 * Adds this process to the role's pid file, dropping pids of processes that no longer run.
 * Returns the file's path.
 */
export function writePidFile(pidDir: string, role: ProcessRole | string, pid = process.pid): string {
  mkdirSync(pidDir, { recursive: true });
  const file = pidFilePath(pidDir, role);
  const pids = readPidFile(file).filter((p) => p !== pid && isProcessAlive(p));
  pids.push(pid);
  writeFileSync(file, pids.join('\n') + '\n');
  return file;
}

/** Removes this process from its pid file, and the file when no pid is left. */
export function removePidFile(file: string, pid = process.pid): void {
  const rest = readPidFile(file).filter((p) => p !== pid && isProcessAlive(p));
  if (rest.length === 0) rmSync(file, { force: true });
  else writeFileSync(file, rest.join('\n') + '\n');
}

export interface WeirProcess {
  readonly pid: number;
  readonly role: string;
  readonly pidFile: string;
}

/** Live processes named by this user's pid files in `pidDir`. */
export function listWeirProcesses(pidDir: string, user = currentUser()): WeirProcess[] {
  let names: string[];
  try {
    names = readdirSync(pidDir);
  } catch {
    return [];
  }
  const prefix = `weir-${user}-`;
  const out: WeirProcess[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.pid')) continue;
    const pidFile = join(pidDir, name);
    const role = name.slice(prefix.length, -'.pid'.length);
    for (const pid of readPidFile(pidFile)) if (isProcessAlive(pid)) out.push({ pid, role, pidFile });
  }
  return out;
}

/**
 * Which of our processes listens on `port`. On Linux, matches the listening socket's inode in
 * /proc/net/tcp{,6} against each candidate's open file descriptors; elsewhere, or when that
 * is not readable, answers only when a single Weir process is running.
 */
export function findPortHolder(port: number, pidDir: string): WeirProcess | null {
  const ours = listWeirProcesses(pidDir);
  if (ours.length === 0) return null;
  const inodes = listeningInodes(port);
  if (inodes === null) return ours.length === 1 ? ours[0]! : null;
  for (const p of ours) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${p.pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${p.pid}/fd/${fd}`));
        if (m !== null && inodes.has(m[1]!)) return p;
      } catch {
        // The descriptor closed while we looked.
      }
    }
  }
  return null;
}

/** Inodes of sockets listening on `port`, or null when /proc/net is not available. */
function listeningInodes(port: number): Set<string> | null {
  const inodes = new Set<string>();
  let readable = false;
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    readable = true;
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; column 9 is the inode.
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A' && cols[9] !== undefined) inodes.add(cols[9]);
    }
  }
  return readable ? inodes : null;
}

/** A port a process will own, with the keys that configure it, for error messages. */
export interface PortSpec {
  readonly host: string;
  readonly port: number;
  /** The configuration key of the port, e.g. `rest.port`. */
  readonly key: string;
  /** The configuration key of the bind address, e.g. `rest.bind-address`. */
  readonly hostKey: string;
  /** What listens there, e.g. "REST endpoint". */
  readonly purpose: string;
}

/** Refusal to start because a port cannot be bound. */
export class PortBindError extends Error {
  readonly spec: PortSpec;
  readonly holder: WeirProcess | null;
  constructor(spec: PortSpec, message: string, holder: WeirProcess | null, cause: unknown) {
    super(message, { cause });
    this.name = 'PortBindError';
    this.spec = spec;
    this.holder = holder;
  }
}

/**
 * Binds `server` to the spec's port, or rejects at once with a PortBindError whose message
 * names the port, its key and, when a Weir process holds it, that process's pid.
 */
export function listenOn(server: Server, spec: PortSpec, pidDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(explainBindError(e, spec, pidDir));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host: spec.host, port: spec.port, exclusive: true });
  });
}

function explainBindError(e: NodeJS.ErrnoException, spec: PortSpec, pidDir: string): Error {
  const what = `${spec.purpose} port ${spec.port} (${spec.key}) on ${spec.host}`;
  const choose = `Choose another port: set ${spec.key} in config.yaml or pass -D ${spec.key}=<port>.`;
  switch (e.code) {
    case 'EADDRINUSE': {
      const holder = findPortHolder(spec.port, pidDir);
      const message =
        holder === null
          ? `cannot start: ${what} is already in use by another process. ${choose}`
          : `cannot start: ${what} is already in use by Weir ${holder.role}, pid ${holder.pid} (pid file ${holder.pidFile}). ` +
            `Stop it with 'kill ${holder.pid}', or ${choose.charAt(0).toLowerCase()}${choose.slice(1)}`;
      return new PortBindError(spec, message, holder, e);
    }
    case 'EACCES':
      return new PortBindError(spec, `cannot start: no permission to bind ${what} (ports below 1024 need privileges). ${choose}`, null, e);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new PortBindError(spec, `cannot start: cannot bind ${what}: address '${spec.host}' (${spec.hostKey}) is not an address of this machine`, null, e);
    default:
      return new PortBindError(spec, `cannot start: cannot bind ${what}: ${e.message}`, null, e);
  }
}
