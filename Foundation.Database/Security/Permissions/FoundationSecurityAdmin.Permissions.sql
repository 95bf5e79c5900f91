-- Membership of the three unprivileged roles only: ALTER ANY ROLE would let a security admin join FoundationDeployer
-- (a db_owner member) and so become db_owner.
GRANT ALTER ON ROLE::[FoundationApplication] TO [FoundationSecurityAdmin];
GO
GRANT ALTER ON ROLE::[FoundationReporting] TO [FoundationSecurityAdmin];
GO
GRANT ALTER ON ROLE::[FoundationMonitoring] TO [FoundationSecurityAdmin];
GO
GRANT ALTER ANY DATABASE AUDIT TO [FoundationSecurityAdmin];
GO
GRANT VIEW DATABASE SECURITY STATE TO [FoundationSecurityAdmin];
GO
GRANT VIEW DEFINITION TO [FoundationSecurityAdmin];
GO
GRANT SELECT ON OBJECT::[Security].[PrivilegedSessions] TO [FoundationSecurityAdmin];
