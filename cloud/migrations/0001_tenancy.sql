-- Tenancy: who may see which rows. Every policy reads transaction-local settings that the
-- service sets at the start of each transaction (cloud/db/database.ts, scopeStatement):
--   app.tenant          the family or school a request acts in
--   app.account         the signed-in person
--   app.lookup_email    sign-in: the one email being looked up
--   app.lookup_issuer / app.lookup_subject   sign-in with Google/Apple: the one identity
-- An unset setting reads as NULL (current_setting(name, true) gives NULL or ''), and NULL
-- never equals anything, so a transaction that sets nothing sees nothing.

CREATE FUNCTION app_setting(setting_name text) RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting(setting_name, true), '') $$;
CREATE FUNCTION app_tenant() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT app_setting('app.tenant')::uuid $$;
CREATE FUNCTION app_account() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT app_setting('app.account')::uuid $$;
CREATE FUNCTION app_lookup_email() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT app_setting('app.lookup_email') $$;
CREATE FUNCTION app_lookup_issuer() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT app_setting('app.lookup_issuer') $$;
CREATE FUNCTION app_lookup_subject() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT app_setting('app.lookup_subject') $$;

-- A tenant is a family or a school. Its own row is its tenant key, so it has no tenant_id.
CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('family', 'school')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A person. Not a tenant row: one account may belong to several tenants (a parent who is also
-- a teacher). Email is stored normalised (trimmed, lower case); NULL for sign-in-with-Apple
-- accounts that share no email.
CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  email text UNIQUE CHECK (email = lower(email)),
  password_hash text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- An external sign-in (Google, Apple): unique per (issuer, subject), as OpenID Connect says.
CREATE TABLE identities (
  issuer text NOT NULL,
  subject text NOT NULL,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX identities_account ON identities (account_id);

-- Who belongs to which tenant, with which permission profile (cloud/auth/permission-profiles.json).
CREATE TABLE memberships (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  profile text NOT NULL CHECK (profile ~ '^[a-z][a-z0-9_]*$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, account_id)
);
CREATE INDEX memberships_account ON memberships (account_id);

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
ALTER TABLE identities ENABLE ROW LEVEL SECURITY;
ALTER TABLE identities FORCE ROW LEVEL SECURITY;
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;

-- Writes only inside the current tenant. Reads also reach the tenants a person belongs to, so
-- "which families am I in" works before a tenant is chosen.
CREATE POLICY tenants_write ON tenants
  USING (id = app_tenant()) WITH CHECK (id = app_tenant());
CREATE POLICY tenants_read_mine ON tenants FOR SELECT
  USING (id IN (SELECT m.tenant_id FROM memberships m WHERE m.account_id = app_account()));

CREATE POLICY memberships_write ON memberships
  USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());
-- Reading one's own memberships in other tenants never allows writing them (write is above).
CREATE POLICY memberships_read_mine ON memberships FOR SELECT
  USING (tenant_id = app_tenant() OR account_id = app_account());

CREATE POLICY accounts_self ON accounts
  USING (id = app_account()) WITH CHECK (id = app_account());
CREATE POLICY accounts_read ON accounts FOR SELECT
  USING (
    email = app_lookup_email()
    OR id IN (SELECT m.account_id FROM memberships m WHERE m.tenant_id = app_tenant())
  );

CREATE POLICY identities_self ON identities
  USING (account_id = app_account()) WITH CHECK (account_id = app_account());
CREATE POLICY identities_lookup ON identities FOR SELECT
  USING (issuer = app_lookup_issuer() AND subject = app_lookup_subject());
