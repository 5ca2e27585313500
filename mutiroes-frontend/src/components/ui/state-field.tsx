import { Field, describedBy } from "@/components/ui/field";
import { UfOptions } from "@/components/ui/uf-options";

type Props = {
  /** The UF chosen so far (the form's kept or initial value). */
  value?: string;
  /** The API's messages for `state`. */
  errors?: string[];
};

/** The required "Estado" of a place (a mutirão's, a littered spot's): a <select> of the 27 UFs named `state`. */
export function StateField({ value, errors }: Props) {
  return (
    <Field id="state" label="Estado" errors={errors}>
      <select id="state" name="state" required defaultValue={value ?? ""} className="input" {...describedBy("state", errors)}>
        <UfOptions empty="UF…" />
      </select>
    </Field>
  );
}
