import { useState } from 'react';
import { BoardPage } from './BoardPage';
import { NameDialog } from './NameDialog';
import { NetworkPage } from './NetworkPage';
import { NotFoundPage } from './NotFoundPage';
import { PageHeader } from '../ui/PageHeader';
import { useRoute } from '../platform/router';
import { StartPage } from './StartPage';
import { useIdentity } from './useIdentity';
import './app.css';

/** Stands in for a person on the projector, which never shows it to anyone. */
const PROJECTOR_IDENTITY = { id: 'projector', name: 'Projector', color: '#000000' };

/** Routes, and the name asked once per browser before anything else. */
export function App() {
  const { route, hash } = useRoute();
  const [identity, saveIdentity] = useIdentity();
  const [editingIdentity, setEditingIdentity] = useState(false);
  const editIdentity = () => setEditingIdentity(true);

  let page;
  switch (route.name) {
    case 'start':
      page = <StartPage identity={identity} onEditIdentity={editIdentity} />;
      break;
    case 'present':
      // The projector has no presence and writes nothing, so it needs no name.
      page = (
        <BoardPage
          key={route.boardId}
          boardId={route.boardId}
          hash={hash}
          presentation
          identity={identity ?? PROJECTOR_IDENTITY}
          onEditIdentity={editIdentity}
        />
      );
      break;
    case 'board':
      // A board waits for the name: your presence and your cards carry it.
      page = identity ? (
        <BoardPage key={route.boardId} boardId={route.boardId} hash={hash} presentation={false} identity={identity} onEditIdentity={editIdentity} />
      ) : (
        <div className="page">
          <PageHeader />
        </div>
      );
      break;
    case 'network':
      page = <NetworkPage key={route.networkId} networkId={route.networkId} hash={hash} />;
      break;
    default:
      page = <NotFoundPage />;
  }

  return (
    <>
      {page}
      {((identity === null && route.name !== 'present') || editingIdentity) && (
        <NameDialog
          identity={identity}
          onSave={(input) => {
            saveIdentity(input);
            setEditingIdentity(false);
          }}
          onCancel={() => setEditingIdentity(false)}
        />
      )}
    </>
  );
}
