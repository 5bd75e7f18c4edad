-- Refresh tokens: opaque, stored as a SHA-256 of their random secret, one-time use. Tokens
-- issued together descend from one sign-in (family_id): presenting a spent token revokes the
-- whole family (RFC 9700 §4.14.2, refresh token rotation with reuse detection).
CREATE TABLE refresh_tokens (
  id uuid PRIMARY KEY,
  family_id uuid NOT NULL,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  secret_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY;
-- A person's own tokens; inside a tenant only that tenant's (refresh runs with no tenant set).
CREATE POLICY refresh_tokens_own ON refresh_tokens
  USING (account_id = app_account() AND (app_tenant() IS NULL OR tenant_id = app_tenant()))
  WITH CHECK (account_id = app_account() AND (app_tenant() IS NULL OR tenant_id = app_tenant()));

-- Failed sign-in counters for lockout, keyed by an HMAC of the email or of the client address
-- (keyed with the service secret, so the table alone reveals neither).
CREATE TABLE login_failures (
  key_hash text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until timestamptz
);
COMMENT ON TABLE login_failures IS
  'rls-exempt: counters keyed by a keyed hash of an email or an address; no tenant data';
