import { useTranslation } from 'react-i18next';
import { ApiError, apiErrorMessageKey } from '../platform/api';

/** What to tell the user about a failed request, in the app's words (with the server's reason). */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => t(apiErrorMessageKey(error), { message: error instanceof ApiError ? (error.serverMessage ?? '') : '' });
}
