-- The membership check of a request whose caller's profile the service predicted from its
-- in-memory cache (cloud/server/membership-cache.ts) instead of reading it first. It is the first
-- statement after the scope settings, in the same round trip as the request's own first
-- statement, and lets the transaction go on only if the caller is still a member of the tenant
-- with exactly that profile. Raising aborts the transaction, so none of the request's own
-- statements runs; SQLSTATE TL001 (cloud/db/database.ts, SCOPE_CHECK_REFUSED) tells the service
-- to forget the prediction and read the membership afresh.
-- Runs as the caller (the app role), under row-level security like any request statement.
-- Names are schema-qualified so that nothing earlier on the search path can stand in for them.
CREATE FUNCTION app_check_membership(expected_profile text) RETURNS boolean
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM public.memberships
    WHERE tenant_id = public.app_tenant()
      AND account_id = public.app_account()
      AND profile = expected_profile
  ) THEN
    RAISE EXCEPTION 'The membership is not what the service predicted.' USING ERRCODE = 'TL001';
  END IF;
  RETURN true;
END
$$;
