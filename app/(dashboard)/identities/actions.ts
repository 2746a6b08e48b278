"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { registerCredential, revokeCredential, rotateCredential } from "@/lib/domain/credentials/manage-credentials";
import { bindIdentity, createIdentity, unbindIdentity, updateIdentity } from "@/lib/domain/identities/manage-identities";
import { action } from "@/lib/server/action";
import { uuid } from "@/lib/validation/common";
import { registerCredentialInput, revokeInput, rotateCredentialInput } from "@/lib/validation/credentials";
import { bindIdentityInput, createIdentityInput, updateIdentityInput } from "@/lib/validation/identities";

function revalidateIdentity(id: string) {
  revalidatePath("/identities");
  revalidatePath(`/identities/${id}`);
}

export const createIdentityAction = action("identities.create", "identities.write", createIdentityInput, async (actor, input) => {
  const nhi = await createIdentity(actor, input);
  revalidatePath("/identities");
  return { id: nhi.id, name: nhi.name };
});

export const updateIdentityAction = action(
  "identities.update",
  "identities.write",
  updateIdentityInput.extend({ id: uuid }),
  async (actor, { id, ...changes }) => {
    const nhi = await updateIdentity(actor, id, changes);
    revalidateIdentity(id);
    return { id: nhi.id, name: nhi.name };
  },
);

export const bindIdentityAction = action(
  "identities.bind",
  "identities.write",
  bindIdentityInput.extend({ id: uuid }),
  async (actor, { id, workflowId, reason }) => {
    const result = await bindIdentity(actor, id, workflowId, reason);
    revalidateIdentity(id);
    revalidatePath(`/workflows/${workflowId}`);
    return result;
  },
);

export const unbindIdentityAction = action(
  "identities.unbind",
  "identities.write",
  bindIdentityInput.extend({ id: uuid }),
  async (actor, { id, workflowId, reason }) => {
    const result = await unbindIdentity(actor, id, workflowId, reason);
    revalidateIdentity(id);
    revalidatePath(`/workflows/${workflowId}`);
    return result;
  },
);

// The credential schemas carry refinements, which zod cannot extend, so the NHI or credential id travels beside them.
export const registerCredentialAction = action(
  "credentials.register",
  "credentials.write",
  z.object({ id: uuid, input: registerCredentialInput }),
  async (actor, { id, input }) => {
    const credential = await registerCredential(actor, id, input);
    revalidatePath(`/identities/${id}`);
    return { id: credential.id, name: credential.name, fingerprint: credential.fingerprint };
  },
);

export const rotateCredentialAction = action(
  "credentials.rotate",
  "credentials.write",
  z.object({ id: uuid, input: rotateCredentialInput }),
  async (actor, { id, input }) => {
    const { replacement } = await rotateCredential(actor, id, input);
    revalidatePath(`/identities/${replacement.nhiId}`);
    return { id: replacement.id, name: replacement.name, fingerprint: replacement.fingerprint };
  },
);

export const revokeCredentialAction = action(
  "credentials.revoke",
  "access.revoke",
  revokeInput.extend({ id: uuid }),
  async (actor, { id, reason }) => {
    const { revoked, credential } = await revokeCredential(actor, id, reason);
    revalidatePath(`/identities/${credential.nhiId}`);
    return { revoked, name: credential.name };
  },
);
