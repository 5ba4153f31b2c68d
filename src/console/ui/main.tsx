/**
 * The teiki console: one page per address under /_teiki/console/, reading the JSON of
 * /_teiki/api/. Built by scripts/build-console.mjs into dist/console-ui/.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { onUnauthorized } from './api.js';
import { ClockControls } from './components/clock.js';
import { Link } from './components/link.js';
import { Login } from './components/login.js';
import { ZonePicker } from './components/time.js';
import { IamPage } from './pages/iam.js';
import { InsightsPage } from './pages/insights.js';
import { LogsPage } from './pages/logs.js';
import { OverviewPage } from './pages/overview.js';
import { SchedulesPage } from './pages/schedules.js';
import { ServicesPage } from './pages/services.js';
import { TaskDefinitionsPage } from './pages/task-definitions.js';
import { TasksPage } from './pages/tasks.js';
import { href, useLocation, type Location } from './router.js';

interface PageDef {
  path: string;
  title: string;
  component: (props: { location: Location }) => preact.JSX.Element;
}

const PAGES: PageDef[] = [
  { path: '/', title: 'Overview', component: OverviewPage },
  { path: '/schedules', title: 'Schedules', component: SchedulesPage },
  { path: '/services', title: 'Services', component: ServicesPage },
  { path: '/tasks', title: 'Tasks', component: TasksPage },
  { path: '/task-definitions', title: 'Task definitions', component: TaskDefinitionsPage },
  { path: '/logs', title: 'Logs', component: LogsPage },
  { path: '/insights', title: 'Insights', component: InsightsPage },
  { path: '/iam', title: 'IAM', component: IamPage },
];

function App() {
  const location = useLocation();
  const [needsLogin, setNeedsLogin] = useState(false);
  const [session, setSession] = useState(0);
  useEffect(() => onUnauthorized(() => setNeedsLogin(true)), []);
  const page = PAGES.find((p) => p.path === location.page);
  useEffect(() => {
    document.title = `${page?.title ?? 'Not found'} · teiki`;
  }, [page]);
  const Page = page?.component;
  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href={href('/')} class="brand">
          teiki
        </Link>
        <ClockControls />
        <ZonePicker />
      </header>
      <nav class="side" aria-label="Pages">
        <ul>
          {PAGES.map((p) => (
            <li key={p.path}>
              <Link href={href(p.path)} class={p.path === location.page ? 'current' : undefined}>
                {p.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" key={session}>
        {Page ? (
          <Page location={location} />
        ) : (
          <div class="panel">
            <h1>Not found</h1>
            <p>
              There is no console page at this address.{' '}
              <Link href={href('/')}>Go to the overview.</Link>
            </p>
          </div>
        )}
      </main>
      {needsLogin ? (
        <Login
          onDone={() => {
            setNeedsLogin(false);
            setSession((s) => s + 1);
          }}
        />
      ) : null}
    </div>
  );
}

render(<App />, document.getElementById('app')!);
