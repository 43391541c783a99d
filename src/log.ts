import pino from 'pino';
import pretty from 'pino-pretty';

/** Structured detail for a log line: ids, counts, durations; never a secret or a client's parameters. */
export type LogFields = Record<string, unknown>;

/** The log calls evmap makes; an interface so tests and the CLI can redirect or silence them. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export type LogFormat = 'auto' | 'json' | 'pretty';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * Header and field names that can carry a credential: dropped from every line, whatever a
 * caller passes, so a debug setting that logs more still never logs a key or a password.
 */
const REDACTED = ['authorization', 'password', 'apiKey', '*.authorization', '*.password', '*.apiKey', 'headers.authorization', 'headers.cookie'];

/**
 * The service's logger: JSON lines on stderr for log shippers, or pino-pretty's coloured lines
 * when stderr is a terminal (`auto`). Synchronous, so the last lines before an exit are not lost.
 */
export function serviceLogger(options: { level: LogLevel; format: LogFormat }, destination: NodeJS.WritableStream | number = 2): Logger {
  const prettyLines = options.format === 'pretty' || (options.format === 'auto' && destination === 2 && process.stderr.isTTY);
  const stream = prettyLines
    ? pretty({ destination, sync: true, colorize: destination === 2 && process.stderr.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', singleLine: true })
    : typeof destination === 'number'
      ? pino.destination({ dest: destination, sync: true })
      : destination;
  const logger = pino(
    { level: options.level, base: { service: 'evmap' }, redact: { paths: REDACTED, remove: true }, timestamp: pino.stdTimeFunctions.isoTime },
    stream,
  );
  const call =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: LogFields): void => {
      if (fields) logger[level](fields, message);
      else logger[level](message);
    };
  return { debug: call('debug'), info: call('info'), warn: call('warn'), error: call('error') };
}

/** Shows structured fields after a CLI line as `key=value`, in the order given. */
function suffix(fields: LogFields | undefined): string {
  if (!fields) return '';
  return Object.entries(fields)
    .map(([key, value]) => ` ${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('');
}

/** Writes `[evmap] …` lines to stderr so stdout stays clean for command output such as JSON; for the CLI, read by people. */
export function consoleLogger(prefix = 'evmap'): Logger {
  const write = (label: string) => (message: string, fields?: LogFields) => process.stderr.write(`[${prefix}] ${label}${message}${suffix(fields)}\n`);
  return { debug: () => undefined, info: write(''), warn: write('warning: '), error: write('error: ') };
}

/** A logger that drops everything, for tests that assert on results rather than output. */
export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
