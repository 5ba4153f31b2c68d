/**
 * The Logs page: log groups → streams → events, with a filter pattern box and a live
 * tail. Its address holds what is shown (`?group=G&stream=S&filter=P&tail=1`), so a view
 * can be bookmarked or linked to from a task.
 */
import { Section } from '../components/common.js';
import type { Location } from '../router.js';
import { EventsPanel } from './logs/events.js';
import { GroupList, StreamList } from './logs/lists.js';

export function LogsPage(props: { location: Location }) {
  const { query } = props.location;
  const group = query.get('group') ?? '';
  const stream = query.get('stream') ?? '';
  const filter = query.get('filter') ?? '';
  const tail = query.get('tail') === '1';
  return (
    <div>
      <h1>Logs</h1>
      <div class="split logs-split">
        <div class="logs-side">
          <GroupList query={query} selected={group} />
          {group ? <StreamList query={query} group={group} selected={stream} /> : null}
        </div>
        <div class="logs-main">
          {group ? (
            <EventsPanel
              key={`${group}\n${stream}`}
              group={group}
              stream={stream}
              filter={filter}
              tail={tail}
            />
          ) : (
            <Section title="Events">
              <p class="muted">Choose a log group to read its events.</p>
            </Section>
          )}
        </div>
      </div>
    </div>
  );
}
