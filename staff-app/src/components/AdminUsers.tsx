/**
 * Staff accounts and roles: add a user, change name and role, reset a password, disable or enable
 * an account. Accounts are not in the live state, so the list is read over REST and read again
 * after each change.
 */
import { useState } from 'react';
import { type AdminUser, Password, ROLES, UserCreateBody, UserUpdateBody } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { useAction } from '../hooks/useAction.js';
import { useRemote } from '../hooks/useRemote.js';
import { useNow } from '@layso/ui-react';
import { USER_HINTS, type UserDraft } from '../lib/admin-forms.js';
import { type FieldErrors, checkForm } from '../lib/form-check.js';
import { formatClock } from '../lib/format.js';
import { ConfirmDialog, ErrorNote, TextField } from './Form.js';
import { Dialog } from './Dialog.js';

type Editing =
  | { kind: 'new' }
  | { kind: 'edit'; user: AdminUser }
  | { kind: 'password'; user: AdminUser }
  | { kind: 'toggle'; user: AdminUser };

export function AdminUsers(props: { canEdit: boolean }) {
  const { t } = useWords();
  const { view } = useStaff();
  const users = useRemote<AdminUser[]>('/api/admin/users');
  const [editing, setEditing] = useState<Editing | null>(null);
  const now = useNow(30_000) + view.clockOffset;
  const tz = view.state?.centre?.timeZone ?? 'Asia/Ho_Chi_Minh';
  const me = view.me;
  const close = (changed: boolean): void => {
    setEditing(null);
    if (changed) void users.reload();
  };

  return (
    <section className="card admin-section" aria-labelledby="users-admin-title">
      <div className="section-head">
        <h2 id="users-admin-title">{t('usersTitle')}</h2>
        {props.canEdit && (
          <button type="button" className="btn btn-primary" onClick={() => setEditing({ kind: 'new' })} data-testid="add-user">
            + {t('addUser')}
          </button>
        )}
      </div>
      <ErrorNote failure={users.error} onRetry={() => void users.reload()} />
      {!users.data && !users.error && <p className="muted">{t('loadingData')}</p>}
      {users.data && (
        <table className="table admin-table" data-testid="users-admin">
          <thead>
            <tr>
              <th scope="col">{t('colUsername')}</th>
              <th scope="col">{t('colDisplayName')}</th>
              <th scope="col">{t('colRole')}</th>
              <th scope="col">{t('colState')}</th>
              {props.canEdit && <th scope="col">{t('actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => {
              const locked = u.lockedUntil !== null && u.lockedUntil > now;
              return (
                <tr key={u.id} data-user={u.username} className={u.disabled ? 'row-off' : ''}>
                  <th scope="row" className="mono">
                    {u.username} {me?.id === u.id && <span className="muted">{t('you')}</span>}
                  </th>
                  <td>{u.displayName}</td>
                  <td>{t(`role_${u.role}`)}</td>
                  <td>
                    {u.disabled ? (
                      <span className="chip chip-closed">{t('userDisabled')}</span>
                    ) : locked ? (
                      <span className="chip chip-paused">{t('userLocked', { time: formatClock(u.lockedUntil!, tz) })}</span>
                    ) : (
                      <span className="chip chip-open">{t('userActive')}</span>
                    )}
                  </td>
                  {props.canEdit && (
                    <td className="row-actions">
                      <button type="button" className="btn btn-small" onClick={() => setEditing({ kind: 'edit', user: u })}>
                        {t('edit')}
                      </button>
                      <button type="button" className="btn btn-small" onClick={() => setEditing({ kind: 'password', user: u })}>
                        {t('resetPassword')}
                      </button>
                      <button
                        type="button"
                        className={`btn btn-small${u.disabled ? '' : ' btn-small-danger'}`}
                        onClick={() => setEditing({ kind: 'toggle', user: u })}
                      >
                        {u.disabled ? t('enableUser') : t('disableUser')}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {editing?.kind === 'new' && <UserDialog user={null} onClose={close} />}
      {editing?.kind === 'edit' && <UserDialog user={editing.user} onClose={close} />}
      {editing?.kind === 'password' && <PasswordDialog user={editing.user} onClose={close} />}
      {editing?.kind === 'toggle' && <ToggleDialog user={editing.user} onClose={close} />}
    </section>
  );
}

function RoleSelect(props: { value: UserDraft['role']; onChange: (r: UserDraft['role']) => void; error?: string | undefined }) {
  const { t } = useWords();
  return (
    <div className={`field field-mid${props.error ? ' field-bad' : ''}`}>
      <label htmlFor="user-role">{t('fieldRole')}</label>
      <select id="user-role" name="role" className="select" value={props.value} onChange={(e) => props.onChange(e.target.value as UserDraft['role'])}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`role_${r}`)}
          </option>
        ))}
      </select>
      {props.error && <span className="field-error">⚠ {props.error}</span>}
    </div>
  );
}

function UserDialog(props: { user: AdminUser | null; onClose: (changed: boolean) => void }) {
  const { t, lang } = useWords();
  const { conn } = useStaff();
  const [draft, setDraft] = useState<UserDraft>({
    username: props.user?.username ?? '',
    displayName: props.user?.displayName ?? '',
    role: props.user?.role ?? 'officer',
    password: '',
  });
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useAction();
  const set = <K extends keyof UserDraft>(k: K, v: UserDraft[K]): void => setDraft((d) => ({ ...d, [k]: v }));

  async function submit(): Promise<void> {
    if (props.user) {
      const body = { displayName: draft.displayName, role: draft.role };
      const checked = checkForm(UserUpdateBody, body, lang, USER_HINTS);
      if (!checked.ok) return setErrors(checked.errors);
      setErrors({});
      const r = await save.run('updateUser', () => conn.api<AdminUser>('PATCH', `/api/admin/users/${encodeURIComponent(props.user!.id)}`, checked.data));
      if (r?.ok) props.onClose(true);
      return;
    }
    const checked = checkForm(UserCreateBody, draft, lang, USER_HINTS);
    const errs: FieldErrors = checked.ok ? {} : { ...checked.errors };
    if (draft.password !== again && !errs.password) errs.again = t('passwordsDiffer');
    if (!checked.ok || Object.keys(errs).length > 0) return setErrors(errs);
    setErrors({});
    const r = await save.run('createUser', () => conn.api<AdminUser>('POST', '/api/admin/users', checked.data));
    if (r?.ok) props.onClose(true);
  }

  return (
    <Dialog
      title={props.user ? t('editUserTitle', { username: props.user.username }) : t('newUserTitle')}
      onClose={() => props.onClose(false)}
      onSubmit={() => void submit()}
      submitLabel={save.pending ? t('saving') : t('save')}
      submitDisabled={save.pending}
      error={save.error}
    >
      {!props.user && (
        <TextField label={t('fieldUsername')} value={draft.username} onChange={(v) => set('username', v)} error={errors.username} name="username" size="mid" hint={USER_HINTS.username?.[lang]} />
      )}
      <TextField label={t('fieldDisplayName')} value={draft.displayName} onChange={(v) => set('displayName', v)} error={errors.displayName} name="displayName" maxLength={100} />
      <RoleSelect value={draft.role} onChange={(r) => set('role', r)} error={errors.role} />
      {!props.user && (
        <div className="form-row">
          <TextField label={t('fieldPassword')} type="password" value={draft.password} onChange={(v) => set('password', v)} error={errors.password} name="password" size="mid" autoComplete="new-password" />
          <TextField label={t('fieldPasswordAgain')} type="password" value={again} onChange={setAgain} error={errors.again} name="passwordAgain" size="mid" autoComplete="new-password" />
        </div>
      )}
    </Dialog>
  );
}

function PasswordDialog(props: { user: AdminUser; onClose: (changed: boolean) => void }) {
  const { t, lang } = useWords();
  const { conn } = useStaff();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useAction();

  async function submit(): Promise<void> {
    const checked = checkForm(Password, password, lang);
    const errs: FieldErrors = checked.ok ? {} : { password: checked.errors[''] ?? '' };
    if (checked.ok && password !== again) errs.again = t('passwordsDiffer');
    if (Object.keys(errs).length > 0) return setErrors(errs);
    setErrors({});
    const r = await save.run('updateUser', () => conn.api<AdminUser>('PATCH', `/api/admin/users/${encodeURIComponent(props.user.id)}`, { password }));
    if (r?.ok) props.onClose(true);
  }

  return (
    <Dialog
      title={t('resetPasswordTitle', { username: props.user.username })}
      onClose={() => props.onClose(false)}
      onSubmit={() => void submit()}
      submitLabel={save.pending ? t('saving') : t('resetPassword')}
      submitDisabled={save.pending}
      error={save.error}
    >
      <p className="field-hint">{t('resetPasswordBody')}</p>
      <div className="form-row">
        <TextField label={t('fieldNewPassword')} type="password" value={password} onChange={setPassword} error={errors.password} name="password" size="mid" autoComplete="new-password" />
        <TextField label={t('fieldPasswordAgain')} type="password" value={again} onChange={setAgain} error={errors.again} name="passwordAgain" size="mid" autoComplete="new-password" />
      </div>
    </Dialog>
  );
}

function ToggleDialog(props: { user: AdminUser; onClose: (changed: boolean) => void }) {
  const { t } = useWords();
  const { conn } = useStaff();
  const save = useAction();
  const disabling = !props.user.disabled;
  async function confirm(): Promise<void> {
    const r = await save.run('updateUser', () =>
      conn.api<AdminUser>('PATCH', `/api/admin/users/${encodeURIComponent(props.user.id)}`, { disabled: disabling }),
    );
    if (r?.ok) props.onClose(true);
  }
  return (
    <ConfirmDialog
      title={disabling ? t('disableUserTitle', { username: props.user.username }) : t('enableUserTitle', { username: props.user.username })}
      body={disabling ? t('disableUserBody') : ''}
      confirmLabel={disabling ? t('disableUser') : t('enableUser')}
      danger={disabling}
      pending={save.pending}
      error={save.error}
      onConfirm={() => void confirm()}
      onClose={() => props.onClose(false)}
    />
  );
}
