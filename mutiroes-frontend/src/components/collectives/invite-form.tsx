import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { inviteAction } from "@/lib/actions/collectives";

/** Invite by e-mail; only owners may invite another owner (the API says so with `can_manage_members`). */
export function InviteForm({ slug, canInviteOwners }: { slug: string; canInviteOwners: boolean }) {
  return (
    <ActionForm action={inviteAction.bind(null, slug)} className="flex flex-wrap items-end gap-2" label="Convidar por e-mail">
      <div className="min-w-56 flex-1">
        <label htmlFor="invite-email" className="text-xs font-medium text-stone-700">
          E-mail
        </label>
        <input id="invite-email" name="email" type="email" required className="input" autoComplete="off" />
      </div>
      <div>
        <label htmlFor="invite-role" className="text-xs font-medium text-stone-700">
          Papel
        </label>
        <select id="invite-role" name="role" className="input" defaultValue="organizer">
          <option value="organizer">Organizador(a)</option>
          <option value="member">Membro</option>
          {canInviteOwners ? <option value="owner">Dono(a)</option> : null}
        </select>
      </div>
      <SubmitButton className="btn-secondary" pendingText="Enviando…">
        Enviar convite
      </SubmitButton>
    </ActionForm>
  );
}
