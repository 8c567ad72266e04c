import { readFileSync } from 'node:fs';

/**
 * A command's input (a file named on the command line) is missing or unusable: an expected failure, said in one line
 * that starts with the command's name. Kept apart from the commands so the CLI can recognise it without loading them.
 */
export class CommandInputError extends Error {
  override readonly name: string = 'CommandInputError';
  constructor(
    readonly command: string,
    message: string,
  ) {
    super(message);
  }
}

/** `replay`'s input: unreadable, empty, or with no time that parses. */
export class ReplayInputError extends CommandInputError {
  override readonly name = 'ReplayInputError';
  constructor(message: string) {
    super('replay', message);
  }
}

/** Read a file named on the command line, or fail with "<command>: cannot read <file>: no such file". */
export function readInputFile(command: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new CommandInputError(command, `cannot read ${file}: ${why}`);
  }
}
