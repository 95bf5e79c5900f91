-- CONNECT, and nothing else. The resolver has no login, so CONNECT lets nobody in; what it changes is DacFx's script:
-- without a GRANT CONNECT in the model, DacFx follows CREATE USER ... WITHOUT LOGIN with REVOKE CONNECT. Microsoft's
-- documentation does not say whether a module's EXECUTE AS needs the impersonated user's CONNECT permission, so the
-- session procedures do not depend on the answer (docs/security.md, "The session resolver").
GRANT CONNECT TO [FoundationSessionResolver];
