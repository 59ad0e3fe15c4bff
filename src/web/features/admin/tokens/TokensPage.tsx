import { useTranslation } from 'react-i18next';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { TokenCreateForm } from './TokenCreateForm';
import { TokenTable } from './TokenTable';
import { useApiTokens } from './tokens.api';

/** The API tokens of the 1522 helpline software, for the instance admin. */
export function TokensPage() {
  const { t } = useTranslation();
  const list = useApiTokens();
  return (
    <>
      <PageHeading>{t('routing.tokens.title')}</PageHeading>
      <p className="lead">{t('routing.tokens.intro')}</p>
      <TokenCreateForm />
      {list.isPending ? <Loading /> : list.isError ? <ProblemAlert error={list.error} /> : <TokenTable tokens={list.data.items} />}
    </>
  );
}
