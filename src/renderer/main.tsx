import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n/i18n';
import { Workspace } from './features/workspace/Workspace';
import './styles/app.css';

async function start(): Promise<void> {
  await initI18n();
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  createRoot(container).render(
    <StrictMode>
      <Workspace />
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  console.error('the workspace failed to start', error);
});
