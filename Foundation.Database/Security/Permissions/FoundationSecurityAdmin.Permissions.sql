-- A security admin manages the database audit, reviews the privileged-session log and the reporting mapping, and the
-- membership of FoundationMonitoring (which can run the signed Monitoring procedures and read no data). It cannot change
-- the membership of FoundationApplication or FoundationReporting: joining either would let it act as any Foundation user
-- or read as a mapped one. DENY, not only no GRANT: release 1.0 granted ALTER on both roles, and a deployment does not
-- revoke a GRANT that leaves the model (DropPermissionsNotInSource is off in every profile). No ALTER ANY ROLE either:
-- it would let a security admin join FoundationDeployer (a db_owner member) and so become db_owner.
GRANT ALTER ON ROLE::[FoundationMonitoring] TO [FoundationSecurityAdmin];
GO
DENY ALTER ON ROLE::[FoundationApplication] TO [FoundationSecurityAdmin];
GO
DENY ALTER ON ROLE::[FoundationReporting] TO [FoundationSecurityAdmin];
GO
GRANT ALTER ANY DATABASE AUDIT TO [FoundationSecurityAdmin];
GO
GRANT VIEW DATABASE SECURITY STATE TO [FoundationSecurityAdmin];
GO
GRANT VIEW DEFINITION TO [FoundationSecurityAdmin];
GO
GRANT SELECT ON OBJECT::[Security].[PrivilegedSessions] TO [FoundationSecurityAdmin];
GO
GRANT SELECT ON OBJECT::[Security].[ReportingPrincipals] TO [FoundationSecurityAdmin];
