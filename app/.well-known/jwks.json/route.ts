import { getActiveSigningKey, publicJwks } from "@/lib/domain/keys/signing-keys";
import { route } from "@/lib/server/route";

export const GET = route(
  { path: "/.well-known/jwks.json", summary: "Public keys that verify JIT tokens and CAEP Security Event Tokens", access: { public: "verifiers fetch public keys without credentials" } },
  async () => {
    await getActiveSigningKey(); // creates the first key on a fresh install
    return Response.json(await publicJwks(), { headers: { "cache-control": "public, max-age=300" } });
  },
);
