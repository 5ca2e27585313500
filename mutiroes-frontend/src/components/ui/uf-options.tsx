import { UFS } from "@/lib/brazil";

/** The 27 UFs as the options of a <select>, after a first empty option. */
export function UfOptions({ empty }: { empty: string }) {
  return (
    <>
      <option value="">{empty}</option>
      {UFS.map((uf) => (
        <option key={uf} value={uf}>
          {uf}
        </option>
      ))}
    </>
  );
}
