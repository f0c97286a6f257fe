import type { FastifyRequest } from 'fastify';
import { tokenFromRequest } from '../auth/tokens';
import { networkRoleForToken } from '../networks/tokens';
import type { NetworkRecord, NetworkRole, NetworkStorage } from '../storage/networks';
import { FailedAccess, HttpError } from './errors';

export interface NetworkAccess {
  network: NetworkRecord;
  role: NetworkRole;
}

/**
 * The network `id` and the caller's role in it, as a board route's access hook decides: 404
 * unknown, 401 no or wrong token (both counted per address, FailedAccess), 403 role too low.
 */
export async function networkAccess(networks: NetworkStorage, request: FastifyRequest, id: string, needed: NetworkRole): Promise<NetworkAccess> {
  const network = await networks.getNetwork(id);
  if (!network) throw new FailedAccess(404, 'not_found', 'No network with this id.');
  const token = tokenFromRequest(request.headers, request.query);
  if (!token) throw new FailedAccess(401, 'unauthorized', 'A token is required: Authorization: Bearer TOKEN.');
  const role = networkRoleForToken(token, network.tokenHashes);
  if (!role) throw new FailedAccess(401, 'unauthorized', 'The token is not valid for this network.');
  if (needed === 'coordinator' && role !== 'coordinator') {
    throw new HttpError(403, 'forbidden', 'This needs the coordinator role; the token is a member token.');
  }
  return { network, role };
}
