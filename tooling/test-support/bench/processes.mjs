// Bench helpers for servers run in a process of their own, so that each is measured by its own CPU
// time (robust to other load on the machine) and no bench shares a heap with what it loads.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * Starts `node script ...args` with an IPC channel; the script prints its port on its first line of
 * stdout and answers each IPC message with `cpuSince()`'s report (see `answerCpuRequests`).
 * Resolves to the child and `http://127.0.0.1:<port><path>`.
 */
export async function startServerProcess(scriptUrl, args, path = '') {
  const child = spawn(process.execPath, [fileURLToPath(scriptUrl), ...args], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const [chunk] = await once(child.stdout, 'data');
  return { child, url: `http://127.0.0.1:${String(chunk).trim()}${path}` };
}

/** Asks a child started by `startServerProcess` for `{ cpuMicros, requests }` since it was last asked. */
export async function cpuOf(child) {
  child.send('cpu');
  const [usage] = await once(child, 'message');
  return usage;
}

/**
 * In the server process: answers every IPC message with the CPU time this process spent and, when
 * a node:http `server` is given, the requests it received since the last message.
 */
export function answerCpuRequests(server) {
  let answered = 0;
  let since = process.cpuUsage();
  server?.on('request', () => {
    answered++;
  });
  process.on('message', () => {
    const used = process.cpuUsage(since);
    process.send({ cpuMicros: used.user + used.system, requests: answered });
    since = process.cpuUsage();
    answered = 0;
  });
}

/**
 * Starts a server bin (`node bin ...args`) and waits for its "listening on http://..." banner.
 * Resolves to the child and the root URL it printed.
 */
export async function startListeningBin(bin, args) {
  const server = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const banner = /listening on (http:\/\/\S+)/;
  let printed = '';
  while (!banner.test(printed)) {
    const [chunk] = await once(server.stdout, 'data');
    printed += String(chunk);
  }
  return { server, root: banner.exec(printed)[1] };
}
