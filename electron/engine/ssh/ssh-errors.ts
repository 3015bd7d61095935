import { RoutewiseError } from '../../../shared/api/errors';
import { sanitizeForDisplay } from './terminal-text';

/** ssh2 marks its errors with `level` (client-socket, client-timeout, client-authentication, protocol, handshake). */
interface Ssh2Error extends Error {
  level?: string;
  code?: string | number;
}

/** Maps a connection-phase failure from ssh2 or the socket to the driver error family of STYLE.md. */
export function mapConnectError(err: unknown, hostPort: string, user: string): RoutewiseError {
  if (err instanceof RoutewiseError) return err;
  const e = (err instanceof Error ? err : new Error(String(err))) as Ssh2Error;
  const why = sanitizeForDisplay(e.message, 200);
  const details = { host: hostPort, reason: why };
  if (e.level === 'client-authentication') {
    return new RoutewiseError('auth-failed', `${hostPort}: authentication failed for user ${user}`, details);
  }
  if (e.level === 'client-timeout' || e.code === 'ETIMEDOUT') {
    return new RoutewiseError('timeout', `${hostPort}: no SSH handshake within the timeout (${why})`, details);
  }
  if (e.code === 'ECONNREFUSED') return new RoutewiseError('unavailable', `${hostPort}: connection refused (no SSH server on that port)`, details);
  if (e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
    return new RoutewiseError('unavailable', `${hostPort}: unreachable (${why})`, details);
  }
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE') {
    return new RoutewiseError('connection-closed', `${hostPort} closed the connection during the SSH handshake (${why})`, details);
  }
  if (/no matching|handshake failed/i.test(e.message)) {
    return new RoutewiseError('unsupported', `${hostPort}: no SSH algorithm in common with the server (${why})`, details);
  }
  if (/private key|passphrase|Cannot parse/i.test(e.message)) {
    return new RoutewiseError('auth-failed', `${hostPort}: the private key of this credential cannot be used (${why})`, details);
  }
  return new RoutewiseError('connection-closed', `${hostPort}: SSH connection failed (${why})`, details);
}
