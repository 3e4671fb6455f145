import { Input } from "@codegouvfr/react-dsfr/Input";
import { fieldState } from "../accounts/fieldState";

export const PASSWORD_HINT =
  "Au moins 12 caractères, sans votre nom ni votre identifiant. Une phrase de plusieurs mots " +
  "se retient facilement. Les mots de passe les plus courants sont refusés.";

type Props = {
  password: string;
  confirmation: string;
  onPassword: (value: string) => void;
  onConfirmation: (value: string) => void;
  /** The service's refusal, shown on the field it names. */
  error: unknown;
  field: "password" | "new_password";
};

/** The new password and its confirmation (checked here; the policy is the service's). */
export function NewPasswordFields({ password, confirmation, onPassword, onConfirmation, error, field }: Props) {
  const mismatch = confirmation !== "" && confirmation !== password;
  return (
    <>
      <Input
        label="Nouveau mot de passe"
        hintText={PASSWORD_HINT}
        {...fieldState(error, field)}
        nativeInputProps={{
          name: field,
          type: "password",
          autoComplete: "new-password",
          required: true,
          value: password,
          onChange: (e) => onPassword(e.target.value),
        }}
      />
      <Input
        label="Confirmer le nouveau mot de passe"
        state={mismatch ? "error" : "default"}
        stateRelatedMessage={mismatch ? "Les deux saisies diffèrent." : undefined}
        nativeInputProps={{
          name: "confirmation",
          type: "password",
          autoComplete: "new-password",
          required: true,
          value: confirmation,
          onChange: (e) => onConfirmation(e.target.value),
        }}
      />
    </>
  );
}
