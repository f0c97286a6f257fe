import { useTranslation } from 'react-i18next';
import type { Identity } from '../editor/types';
import { avatarTextColor, initials } from '../platform/identity';

/** Your own avatar: shows who you are here, and opens the name dialog. */
export function IdentityButton({ identity, onEdit }: { identity: Identity; onEdit(): void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="avatar avatar-button"
      style={{ background: identity.color, color: avatarTextColor(identity.color) }}
      title={t('avatars.editYou', { name: identity.name })}
      onClick={onEdit}
    >
      {/* The name starts with the initials shown (WCAG 2.5.3, label in name). */}
      {initials(identity.name)}
      <span className="visually-hidden"> {t('avatars.editYou', { name: identity.name })}</span>
    </button>
  );
}
