/** The few log calls evmap makes; a function pair so tests and the CLI can redirect or silence them. */
export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

/** Writes `[evmap] …` lines to stderr so stdout stays clean for command output such as JSON. */
export function consoleLogger(prefix = 'evmap'): Logger {
  return {
    info: (message) => process.stderr.write(`[${prefix}] ${message}\n`),
    error: (message) => process.stderr.write(`[${prefix}] error: ${message}\n`),
  };
}

/** A logger that drops everything, for tests that assert on results rather than output. */
export const silentLogger: Logger = { info: () => undefined, error: () => undefined };
