import { useTranslation } from 'react-i18next';
import type { Identity } from '../editor/types';
import { initials } from '../platform/identity';

/** Your own avatar: shows who you are here, and opens the name dialog. */
export function IdentityButton({ identity, onEdit }: { identity: Identity; onEdit(): void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="avatar avatar-button"
      style={{ background: identity.color }}
      title={t('avatars.editYou', { name: identity.name })}
      aria-label={t('avatars.editYou', { name: identity.name })}
      onClick={onEdit}
    >
      {initials(identity.name)}
    </button>
  );
}
