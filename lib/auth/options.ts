import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import { derivedKey, devSignInEnabled, env, oidcConfigured } from "@/lib/env";
import { linkAccount } from "@/lib/domain/sessions/accounts";
import { SESSION_TTL_MS, endSession, findActiveUserByEmail, openSession } from "@/lib/domain/sessions/sessions";

type OidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string };

function oidcProvider(): OAuthConfig<OidcProfile> {
  const e = env();
  return {
    id: "oidc",
    name: e.OIDC_NAME,
    type: "oauth",
    wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    profile: (p) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? p.email ?? p.sub }),
  };
}

/**
 * Sign-in: a generic OIDC provider for real deployments and, outside
 * production (or with DEV_SIGN_IN=true), a picker of existing users. Users are
 * never created by sign-in; an admin provisions them.
 */
export function authOptions(): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [];
  if (oidcConfigured()) providers.push(oidcProvider());
  if (devSignInEnabled()) {
    providers.push(
      CredentialsProvider({
        id: "dev",
        name: "Development sign-in",
        credentials: { email: { label: "E-mail", type: "email" } },
        async authorize(credentials) {
          const user = credentials?.email ? await findActiveUserByEmail(credentials.email) : null;
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
    );
  }
  return {
    secret: derivedKey("nextauth-jwt").toString("base64url"),
    session: { strategy: "jwt", maxAge: SESSION_TTL_MS / 1000 },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        const claims = profile as OidcProfile | undefined;
        if (!user.email || claims?.email_verified === false) return "/signin?error=unverified";
        const appUser = await findActiveUserByEmail(user.email);
        if (!appUser) return "/signin?error=unknown-user";
        await linkAccount(appUser.id, "oidc", account.providerAccountId);
        return true;
      },
      async jwt({ token, user }) {
        if (user?.email) {
          const appUser = await findActiveUserByEmail(user.email);
          if (appUser) {
            token.sub = appUser.id;
            token.sid = await openSession(appUser.id);
          }
        }
        return token;
      },
      session({ session, token }) {
        session.sid = token.sid;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await endSession(token.sid);
      },
    },
  };
}
