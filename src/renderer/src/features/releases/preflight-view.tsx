import { useId } from 'react';
import type { PreflightStatus, RollbackPreflight } from '../../../../shared/domain/releases';
import type { SettingChange } from '../../../../shared/domain/environment-settings';
import { cx } from '../../components/cx';
import { EmptyNote } from '../../components/empty-state';
import { Spinner } from '../../components/spinner';
import { TextField } from '../../components/text-field';
import { formatAbsoluteTime } from '../../lib/relative-time';
import dialogStyles from './dialog.module.css';
import { MIN_OVERRIDE_LENGTH, type ConfirmState } from './preflight-form';
import { ArtifactName } from './release-badges';
import { artifactLabel, plural, shortSha } from './release-format';
import styles from './releases.module.css';

interface PreflightViewProps {
  readonly preflight: RollbackPreflight;
  /** A new pre-flight is being read (another candidate, or something moved). */
  readonly checking: boolean;
  readonly onPickCandidate: (digest: string) => void;
  readonly reason: string;
  readonly onReason: (text: string) => void;
  readonly overrideReason: string;
  readonly onOverrideReason: (text: string) => void;
  readonly state: ConfirmState | null;
  readonly onSubmit: () => void;
}

const CHECK_GLYPH: Readonly<Record<PreflightStatus, string>> = { ok: '✓', warning: '!', blocked: '✕' };

function Diff({ title, changes }: { readonly title: string; readonly changes: readonly SettingChange[] }) {
  return (
    <section className={dialogStyles.section}>
      <h3>{title}</h3>
      {changes.length === 0 ? (
        <EmptyNote>No difference.</EmptyNote>
      ) : (
        <table className={dialogStyles.diff}>
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Now</th>
              <th scope="col">After the rollback</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.setting}>
                <td className="mono">{change.setting}</td>
                <td className={cx('mono', dialogStyles.from)}>{change.from}</td>
                <td className={cx('mono', dialogStyles.to)}>{change.to}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The pre-flight of a rollback, check by check, and the fields that go with the confirmation. */
export function PreflightView(props: PreflightViewProps) {
  const { preflight, checking, state } = props;
  const candidateId = useId();
  const candidates = preflight.candidates.some((c) => c.digest === preflight.to.digest) ? preflight.candidates : [preflight.to, ...preflight.candidates];
  // The pre-flight's automation check says what the hold will stop; a note stands in when it is absent.
  const automation = preflight.checks.find((check) => check.id === 'automation');

  return (
    <form
      className={dialogStyles.preflight}
      data-testid="preflight"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <div className={dialogStyles.fromTo}>
        <div>
          <p className={styles.faint}>Runs now</p>
          {preflight.from ? <ArtifactName artifact={preflight.from} /> : <span className={styles.muted}>nothing recorded</span>}
        </div>
        <span className={dialogStyles.fromToArrow} aria-hidden="true">
          →
        </span>
        <div>
          <p className={styles.faint}>Rolls back to</p>
          <ArtifactName artifact={preflight.to} />
          <p className={cx(styles.small, styles.muted)}>
            good since {formatAbsoluteTime(preflight.to.deployedAt)} (release #{preflight.to.deploymentId})
          </p>
        </div>
        <div className={dialogStyles.candidate}>
          <label htmlFor={candidateId} className={styles.small}>
            Roll back to
          </label>
          <select id={candidateId} value={preflight.to.digest} onChange={(event) => props.onPickCandidate(event.target.value)} data-testid="candidate">
            {candidates.map((candidate) => (
              <option key={candidate.digest} value={candidate.digest}>
                {artifactLabel(candidate)} · {shortSha(candidate.commitSha)} · {formatAbsoluteTime(candidate.deployedAt).slice(0, 16)}
                {candidate.pruned ? ' · pruned' : ''}
              </option>
            ))}
          </select>
          {checking && <Spinner label="Checking again" />}
        </div>
      </div>

      <section className={dialogStyles.section}>
        <h3>Pre-flight</h3>
        <ul className={dialogStyles.checks} aria-label="Pre-flight checks">
          {preflight.checks.map((check) => (
            <li key={check.id} className={cx(dialogStyles.check, dialogStyles[`check-${check.status}`])} data-testid="preflight-check" data-check={check.id} data-status={check.status}>
              <span className={dialogStyles.checkGlyph} aria-hidden="true">
                {CHECK_GLYPH[check.status]}
              </span>
              <div>
                <p className={dialogStyles.checkTitle}>
                  {check.title} <span className="visually-hidden">({check.status})</span>
                </p>
                <p className={cx(styles.small, styles.muted)}>{check.detail}</p>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section className={dialogStyles.section}>
        <h3>Commits taken out {preflight.commits && <span className={styles.faint}>{plural(preflight.commits.length, 'commit')}</span>}</h3>
        {preflight.commits === null ? (
          <EmptyNote>Git could not say which commits (see the check above).</EmptyNote>
        ) : preflight.commits.length === 0 ? (
          <EmptyNote>None: both artifacts come from the same commit.</EmptyNote>
        ) : (
          <ul className={dialogStyles.commits} data-testid="commits-taken-out">
            {preflight.commits.map((commit) => (
              <li key={commit.sha}>
                <span className={cx('mono', styles.commit)}>{shortSha(commit.sha)}</span> {commit.subject} <span className={styles.faint}>— {commit.authorName}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className={dialogStyles.diffs}>
        <Diff title="Environment settings" changes={preflight.settingsDiff} />
        <Diff title="Container configuration" changes={preflight.containerDiff} />
      </div>

      {preflight.migrations.length > 0 && (
        <section className={dialogStyles.section}>
          <h3>Migrations crossed</h3>
          <ul className={dialogStyles.migrations} data-testid="migrations">
            {preflight.migrations.map((migration) => (
              <li key={migration.file} className={migration.backwardCompatible ? undefined : dialogStyles.incompatible}>
                <span className="mono">{migration.file}</span>{' '}
                <span className={cx(styles.badge, migration.backwardCompatible ? styles['tone-good'] : styles['tone-bad'])}>
                  {migration.backwardCompatible ? 'backward-compatible' : `not backward-compatible: ${migration.kind}`}
                </span>
                <p className={cx(styles.small, styles.muted)}>{migration.explanation}</p>
              </li>
            ))}
          </ul>
        </section>
      )}

      {!automation && (
        <div className={cx(styles.note, styles.noteInfo)} data-testid="hold-note">
          <span className={styles.noteTitle}>Hold.</span> After the rollback {preflight.environment} is held: automatic continuation and branch-watch deploys
          do not move it until someone releases the hold.
        </div>
      )}

      {preflight.blocked && preflight.overridable && (
        <TextField
          label="Override: why roll back across an incompatible migration? (recorded)"
          value={props.overrideReason}
          onChange={(event) => props.onOverrideReason(event.target.value)}
          hint={state?.kind === 'needs-override' ? `At least ${MIN_OVERRIDE_LENGTH} characters; ${state.missing} to go.` : 'Recorded with the rollback.'}
          data-testid="override-reason"
        />
      )}
      <TextField
        label="Reason (optional, recorded and shown in the history)"
        value={props.reason}
        onChange={(event) => props.onReason(event.target.value)}
        placeholder="e.g. checkout errors since 14:02"
        data-testid="rollback-reason"
      />
    </form>
  );
}
