import { useState } from 'react';
import { BoardPage } from './BoardPage';
import { NameDialog } from './NameDialog';
import { NotFoundPage } from './NotFoundPage';
import { PageHeader } from './PageHeader';
import { useRoute } from './router';
import { StartPage } from './StartPage';
import { useIdentity } from './useIdentity';
import './app.css';

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
    case 'board':
    case 'present':
      // A board waits for the name: your presence and your cards carry it.
      page = identity ? (
        <BoardPage
          key={route.boardId}
          boardId={route.boardId}
          hash={hash}
          presentation={route.name === 'present'}
          identity={identity}
          onEditIdentity={editIdentity}
        />
      ) : (
        <div className="page">
          <PageHeader />
        </div>
      );
      break;
    default:
      page = <NotFoundPage />;
  }

  return (
    <>
      {page}
      {(identity === null || editingIdentity) && (
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
