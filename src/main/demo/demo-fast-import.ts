import type { DemoCommit, DemoEvent, DemoTag } from './demo-history-writer';
import { gitOffset, type DemoPerson } from './demo-people';

const NULL_SHA = '0'.repeat(40);

const identity = (who: DemoPerson, time: number): string => `${who.name} <${who.email}> ${time} ${gitOffset(who, time)}`;
const data = (content: string | Buffer): (string | Buffer)[] => [`data ${Buffer.byteLength(content)}\n`, content, '\n'];

function commitCommands(commit: DemoCommit): (string | Buffer)[] {
  const [from, ...merges] = commit.parents;
  const out: (string | Buffer)[] = [
    `commit ${commit.ref}\nmark :${commit.mark}\n`,
    `author ${identity(commit.author, commit.time)}\ncommitter ${identity(commit.committer, commit.time)}\n`,
    ...data(commit.message),
    from === undefined ? '' : `from :${from}\n`,
    ...merges.map((mark) => `merge :${mark}\n`)
  ];
  for (const change of commit.changes) {
    // Demo paths are plain (no quotes, newlines or leading spaces), so they need no C-style quoting.
    if (change.content === null) out.push(`D ${change.path}\n`);
    else out.push(`M 100644 inline ${change.path}\n`, ...data(change.content));
  }
  out.push('\n');
  return out;
}

function tagCommands(tag: DemoTag): (string | Buffer)[] {
  if (tag.tagger === null) return [`reset refs/tags/${tag.name}\nfrom :${tag.target}\n\n`];
  return [`tag ${tag.name}\nfrom :${tag.target}\ntagger ${identity(tag.tagger, tag.time)}\n`, ...data(tag.message)];
}

/** The git fast-import commands that replay the demo history (without the final `done`). */
export function* demoFastImportCommands(events: readonly DemoEvent[]): Generator<string | Buffer> {
  for (const event of events) {
    switch (event.kind) {
      case 'commit':
        yield* commitCommands(event.commit);
        break;
      case 'tag':
        yield* tagCommands(event.tag);
        break;
      case 'delete-branch':
        yield `reset ${event.ref}\nfrom ${NULL_SHA}\n\n`;
        break;
    }
  }
}
