import { useAppEvents } from './use-app-events';
import { MainArea } from './main-area';
import { Sidebar } from './sidebar';

/** The window: a sidebar to choose service and screen, and the screen. */
export function App() {
  useAppEvents();
  return (
    <div className="app">
      <Sidebar />
      <main className="main" id="main">
        <MainArea />
      </main>
    </div>
  );
}
