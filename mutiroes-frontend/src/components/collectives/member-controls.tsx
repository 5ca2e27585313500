import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { memberRoleAction, removeMemberAction } from "@/lib/actions/collectives";
import type { Member } from "@/lib/api/types";

/** An owner's controls for one member: change the role, remove. The API keeps the last owner. */
export function MemberControls({ slug, member }: { slug: string; member: Member }) {
  const id = `role-${member.user.id}`;
  return (
    <span className="flex flex-wrap items-center gap-2">
      <ActionForm action={memberRoleAction.bind(null, slug, member.user.id)} className="flex items-center gap-2" label={`Papel de ${member.user.name}`} keepOnSuccess>
        <label htmlFor={id} className="sr-only">
          Papel de {member.user.name}
        </label>
        <select id={id} name="role" defaultValue={member.role} className="input py-1">
          <option value="member">Membro</option>
          <option value="organizer">Organizador(a)</option>
          <option value="owner">Dono(a)</option>
        </select>
        <SubmitButton className="btn-secondary btn-sm">Alterar</SubmitButton>
      </ActionForm>
      <ActionForm action={removeMemberAction.bind(null, slug, member.user.id)} confirm={`Remover ${member.user.name} do coletivo?`}>
        <SubmitButton className="btn-ghost btn-sm">Remover</SubmitButton>
      </ActionForm>
    </span>
  );
}
