import { isRoutewiseError } from '../../../shared/api/errors';
import { displayText } from './display-text';

/** One sentence an admin can act on, whatever failed. */
export function errorText(err: unknown): string {
  if (isRoutewiseError(err)) {
    switch (err.code) {
      case 'unavailable':
        return 'The engine is not reachable right now; the status bar shows when it is back.';
      case 'bad-request':
        return `The engine refused the input: ${displayText(detailsText(err.details) ?? err.message, 300)}`;
      case 'unauthorized':
        return 'This session is not authorised; open the URL printed by routewise serve.';
      default:
        return displayText(err.message, 300);
    }
  }
  return err instanceof Error ? displayText(err.message, 300) : 'Something went wrong.';
}

function detailsText(details: unknown): string | undefined {
  if (!Array.isArray(details)) return undefined;
  const parts = details
    .filter((d): d is { path?: unknown; message?: unknown } => typeof d === 'object' && d !== null)
    .map((d) => (typeof d.path === 'string' && d.path ? `${d.path}: ${String(d.message)}` : String(d.message)));
  return parts.length ? parts.join('; ') : undefined;
}
