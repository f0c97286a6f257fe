import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type { Identity } from '../editor/types';
import { usePeers } from '../sync/hooks';
import { avatarTextColor, initials } from '../platform/identity';
import { IdentityButton } from '../ui/IdentityButton';

const MAX_SHOWN = 10;

export interface AvatarsProps {
  awareness: Awareness;
  identity: Identity;
  onEditIdentity(): void;
  /** Whose view you follow; clicking someone else's avatar follows them (again: stops). */
  following?: string | null;
  onFollow?(userId: string | null): void;
}

/** Who is on the board, once per person; your own avatar opens the name dialog, another's follows them. */
export function Avatars({ awareness, identity, onEditIdentity, following = null, onFollow }: AvatarsProps) {
  const { t } = useTranslation();
  const peers = usePeers(awareness, identity.id);
  const shown = peers.slice(0, MAX_SHOWN);
  const hidden = peers.slice(MAX_SHOWN);
  return (
    <ul className="avatars" data-testid="avatars" aria-label={t('avatars.label')}>
      {shown.map((peer) => (
        <li key={peer.id} className="avatar-item" data-testid="avatar" data-user-id={peer.id}>
          {peer.self ? (
            <IdentityButton identity={peer} onEdit={onEditIdentity} />
          ) : onFollow ? (
            <button
              type="button"
              className={`avatar avatar-button${following === peer.id ? ' is-followed' : ''}`}
              style={{ background: peer.color, color: avatarTextColor(peer.color) }}
              data-testid="follow-avatar"
              aria-pressed={following === peer.id}
              title={following === peer.id ? t('avatars.unfollow', { name: peer.name }) : t('avatars.follow', { name: peer.name })}
              onClick={() => onFollow(following === peer.id ? null : peer.id)}
            >
              {/* The name starts with the initials shown (WCAG 2.5.3, label in name). */}
              {initials(peer.name)}
              <span className="visually-hidden"> {t('avatars.follow', { name: peer.name })}</span>
            </button>
          ) : (
            <span className="avatar" style={{ background: peer.color, color: avatarTextColor(peer.color) }} title={peer.name} role="img" aria-label={peer.name}>
              {initials(peer.name)}
            </span>
          )}
        </li>
      ))}
      {hidden.length > 0 && (
        <li className="avatar-item">
          <span
            className="avatar avatar-more"
            title={hidden.map((peer) => peer.name).join(', ')}
            role="img"
            aria-label={t('avatars.moreLabel', { count: hidden.length })}
          >
            {t('avatars.more', { count: hidden.length })}
          </span>
        </li>
      )}
    </ul>
  );
}
